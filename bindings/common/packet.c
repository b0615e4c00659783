#include "packet.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../../engine/bytes_string.h"

#define countof(a) (sizeof(a) / sizeof((a)[0]))
#define FLAGS_BYTES 5

#define STAT_MEMBER(js, c, t) {js, offsetof(struct stat, c), t, 1, 0}
static const PacketMember stat_members[] = {
    STAT_MEMBER("st_dev", st_dev, PK_I64),
    STAT_MEMBER("st_ino", st_ino, PK_I64),
    STAT_MEMBER("st_mode", st_mode, PK_U32),
    STAT_MEMBER("st_nlink", st_nlink, PK_I64),
    STAT_MEMBER("st_uid", st_uid, PK_U32),
    STAT_MEMBER("st_gid", st_gid, PK_U32),
    STAT_MEMBER("st_rdev", st_rdev, PK_I64),
    STAT_MEMBER("st_size", st_size, PK_I64),
    STAT_MEMBER("st_atime", st_atim.tv_sec, PK_I64),
    STAT_MEMBER("st_mtime", st_mtim.tv_sec, PK_I64),
    STAT_MEMBER("st_ctime", st_ctim.tv_sec, PK_I64),
    STAT_MEMBER("st_blksize", st_blksize, PK_I64),
    STAT_MEMBER("st_blocks", st_blocks, PK_I64),
};
_Static_assert(sizeof(((struct stat*)0)->st_nlink) == 8 &&
                   sizeof(((struct stat*)0)->st_blksize) == 8 &&
                   sizeof(((struct stat*)0)->st_mode) == 4 &&
                   sizeof(((struct stat*)0)->st_uid) == 4,
               "stat member widths the table assumes");
const PacketDesc stat_packet_desc = {"StatPacket", stat_members, countof(stat_members)};

/* Enough for every packet's members; packet_class_init checks. */
#define MAX_MEMBERS 32

/* What a member was given last.  The core passes the same names call after
 * call (a file's name in each of its I/O calls, the plugin command in each
 * SavePacket): the string made last serves again while the bytes are the
 * same (strings have no identity a script could tell apart).  A flags
 * array no script kept is filled again instead of made anew. */
struct PacketRecent {
  JSValue value; /* JS_UNDEFINED if none */
  char* bytes;   /* PK_STRING: the bytes value was made from */
  size_t len, cap;
  uint8_t* data; /* PK_FLAGS: value's own bytes, to check it still has them */
};

int packet_class_init(JSContext* ctx, PacketClass* cls, const PacketDesc* desc,
                      JSValueConst proto) {
  *cls = (PacketClass){.desc = desc, .layout = {.proto = JS_UNDEFINED}};
  if (desc->count > MAX_MEMBERS) {
    JS_ThrowInternalError(ctx, "%s has more than %d members", desc->class_name, MAX_MEMBERS);
    return -1;
  }
  JSAtom atoms[MAX_MEMBERS];
  size_t made = 0;
  cls->aliases = calloc(desc->count ? desc->count : 1, sizeof *cls->aliases);
  cls->recent = calloc(desc->count ? desc->count : 1, sizeof *cls->recent);
  for (size_t i = 0; cls->recent && i < desc->count; i++) cls->recent[i].value = JS_UNDEFINED;
  int rc = cls->aliases && cls->recent ? 0 : -1;
  if (rc < 0) JS_ThrowOutOfMemory(ctx);
  for (; rc == 0 && made < desc->count; made++) {
    const char* name = desc->members[made].name;
    atoms[made] = JS_NewAtom(ctx, name);
    if (atoms[made] == JS_ATOM_NULL ||
        (strncmp(name, "st_", 3) == 0 &&
         (cls->aliases[made] = JS_NewAtom(ctx, name + 3)) == JS_ATOM_NULL))
      rc = -1;
  }
  if (rc == 0) rc = qjs_layout_init(ctx, &cls->layout, proto, atoms, (uint32_t)desc->count);
  for (size_t i = 0; i < made; i++)
    if (atoms[i] != JS_ATOM_NULL) JS_FreeAtom(ctx, atoms[i]);
  return rc;
}

void packet_class_free(JSContext* ctx, PacketClass* cls) {
  for (size_t i = 0; cls->aliases && i < cls->desc->count; i++)
    if (cls->aliases[i] != JS_ATOM_NULL) JS_FreeAtom(ctx, cls->aliases[i]);
  free(cls->aliases);
  for (size_t i = 0; cls->recent && i < cls->desc->count; i++) {
    JS_FreeValue(ctx, cls->recent[i].value);
    free(cls->recent[i].bytes);
  }
  free(cls->recent);
  qjs_layout_free(ctx, &cls->layout);
  *cls = (PacketClass){.layout = {.proto = JS_UNDEFINED}};
}

void packet_arena_reset(PacketArena* arena) {
  for (size_t i = 0; i < arena->count; i++) free(arena->ptrs[i]);
  free(arena->ptrs);
  *arena = (PacketArena){0};
}

void* packet_arena_keep(PacketArena* arena, void* ptr) {
  if (arena->count == arena->cap) {
    size_t cap = arena->cap ? arena->cap * 2 : 8;
    void** grown = realloc(arena->ptrs, cap * sizeof *grown);
    if (!grown) {
      free(ptr);
      return NULL;
    }
    arena->ptrs = grown;
    arena->cap = cap;
  }
  return arena->ptrs[arena->count++] = ptr;
}

#define AT(pkt, off, type) ((type*)((char*)(pkt) + (off)))

static JSValue recent_string(JSContext* ctx, PacketRecent* r, const char* s, size_t len) {
  if (!JS_IsUndefined(r->value) && r->len == len && memcmp(r->bytes, s, len) == 0)
    return JS_DupValue(ctx, r->value);
  JSValue v = qjs_new_bytes_string(ctx, s, len);
  if (JS_IsException(v)) return v;
  if (len >= r->cap) {
    char* grown = realloc(r->bytes, len + 1);
    if (!grown) return v; /* not kept: made again next time */
    r->bytes = grown;
    r->cap = len + 1;
  }
  memcpy(r->bytes, s, len);
  r->len = len;
  JS_FreeValue(ctx, r->value);
  r->value = JS_DupValue(ctx, v);
  return v;
}

static JSValue recent_flags(JSContext* ctx, PacketRecent* r, const uint8_t* flags) {
  if (r->data && JS_IsReusableUint8Array(ctx, r->value, r->data, FLAGS_BYTES)) {
    memcpy(r->data, flags, FLAGS_BYTES);
    return JS_DupValue(ctx, r->value);
  }
  JS_FreeValue(ctx, r->value);
  r->value = JS_UNDEFINED;
  r->data = NULL;
  JSValue v = JS_NewUint8ArrayCopy(ctx, flags, FLAGS_BYTES);
  if (JS_IsException(v)) return v;
  size_t len;
  r->data = JS_GetUint8Array(ctx, &len, v);
  if (!r->data) JS_FreeValue(ctx, JS_GetException(ctx));
  r->value = JS_DupValue(ctx, v);
  return v;
}

static JSValue member_to_js(JSContext* ctx, PacketClass* cls, size_t i, PacketClass* stat,
                            const void* pkt) {
  const PacketMember* m = &cls->desc->members[i];
  switch ((PacketType)m->type) {
    case PK_I32: return JS_NewInt32(ctx, *AT(pkt, m->offset, const int32_t));
    case PK_U32: return JS_NewUint32(ctx, *AT(pkt, m->offset, const uint32_t));
    case PK_I64: return JS_NewInt64(ctx, *AT(pkt, m->offset, const int64_t));
    case PK_BOOL: return JS_NewBool(ctx, *AT(pkt, m->offset, const bool));
    case PK_STRING: {
      const char* s = *AT(pkt, m->offset, const char* const);
      return s ? recent_string(ctx, &cls->recent[i], s, strlen(s)) : JS_NULL;
    }
    case PK_FLAGS:
      return recent_flags(ctx, &cls->recent[i], AT(pkt, m->offset, const uint8_t));
    case PK_BLOB: {
      const uint8_t* data = *AT(pkt, m->offset, const uint8_t* const);
      int32_t len = *AT(pkt, m->len_offset, const int32_t);
      return data ? JS_NewUint8ArrayCopy(ctx, data, len > 0 ? (size_t)len : 0) : JS_NULL;
    }
    case PK_STAT:
      return stat ? packet_to_js(ctx, stat, NULL, AT(pkt, m->offset, const struct stat)) : JS_NULL;
    case PK_SCRIPT_NULL: return JS_NULL;
    case PK_SCRIPT_FALSE: return JS_FALSE;
  }
  return JS_UNDEFINED;
}

static int type_error(JSContext* ctx, const PacketDesc* desc,
                      const PacketMember* m, const char* expected) {
  JS_ThrowTypeError(ctx, "%s.%s: expected %s", desc->class_name, m->name, expected);
  return -1;
}

/* The bytes of a Uint8Array or an ArrayBuffer, NULL for anything else. */
static uint8_t* bytes_of(JSContext* ctx, JSValueConst v, size_t* len) {
  uint8_t* p = JS_GetUint8Array(ctx, len, v);
  if (p) return p;
  JS_FreeValue(ctx, JS_GetException(ctx));
  p = JS_GetArrayBuffer(ctx, len, v);
  if (p) return p;
  JS_FreeValue(ctx, JS_GetException(ctx));
  return NULL;
}

static int member_from_js(JSContext* ctx, const PacketDesc* desc, PacketClass* stat,
                          const PacketMember* m, JSValueConst v, void* pkt,
                          PacketArena* arena) {
  int64_t i64;
  switch ((PacketType)m->type) {
    case PK_I32:
    case PK_U32:
    case PK_I64:
      if (JS_VALUE_GET_TAG(v) == JS_TAG_INT) i64 = JS_VALUE_GET_INT(v);
      else if (!JS_IsNumber(v) && !JS_IsBool(v)) return type_error(ctx, desc, m, "a number");
      else if (JS_ToInt64(ctx, &i64, v)) return -1;
      if (m->type == PK_I32) *AT(pkt, m->offset, int32_t) = (int32_t)i64;
      else if (m->type == PK_U32) *AT(pkt, m->offset, uint32_t) = (uint32_t)i64;
      else *AT(pkt, m->offset, int64_t) = i64;
      return 0;
    case PK_BOOL:
      *AT(pkt, m->offset, bool) = JS_ToBool(ctx, v);
      return 0;
    case PK_STRING: {
      if (!JS_IsString(v)) return type_error(ctx, desc, m, "a string");
      char* s = qjs_to_bytes_string(ctx, v, NULL);
      if (!s || !packet_arena_keep(arena, s)) return -1;
      *AT(pkt, m->offset, char*) = s;
      return 0;
    }
    case PK_FLAGS: {
      size_t len;
      uint8_t* p = bytes_of(ctx, v, &len);
      if (!p || len != FLAGS_BYTES)
        return type_error(ctx, desc, m, "a Uint8Array of 5 bytes");
      memcpy(AT(pkt, m->offset, uint8_t), p, FLAGS_BYTES);
      return 0;
    }
    case PK_BLOB: {
      size_t len;
      uint8_t* p = bytes_of(ctx, v, &len);
      if (!p) return type_error(ctx, desc, m, "a Uint8Array or an ArrayBuffer");
      if (len > INT32_MAX) return type_error(ctx, desc, m, "less than 2 GiB");
      char* copy = malloc(len ? len : 1);
      if (!copy || !packet_arena_keep(arena, copy)) {
        JS_ThrowOutOfMemory(ctx);
        return -1;
      }
      memcpy(copy, p, len);
      *AT(pkt, m->offset, char*) = copy;
      *AT(pkt, m->len_offset, int32_t) = (int32_t)len;
      return 0;
    }
    case PK_STAT:
      if (!JS_IsObject(v)) return type_error(ctx, desc, m, "a StatPacket");
      return packet_from_js(ctx, stat, NULL, v, AT(pkt, m->offset, struct stat), 1, arena);
    case PK_SCRIPT_NULL:
    case PK_SCRIPT_FALSE: return 0;
  }
  return 0;
}

int packet_from_js(JSContext* ctx, PacketClass* cls, PacketClass* stat,
                   JSValueConst obj, void* pkt, unsigned groups, PacketArena* arena) {
  const PacketDesc* desc = cls->desc;
  /* A packet the script only assigned to still has the shape we made it
   * with: its values come in one step instead of a lookup per member,
   * borrowed from it.  Only a nested StatPacket can run script code (its
   * getters), which could change obj: those go last, each with a
   * reference of our own taken before. */
  JSValue values[MAX_MEMBERS];
  bool borrowed = qjs_layout_values(ctx, &cls->layout, obj, values);
  size_t nested[MAX_MEMBERS];
  size_t nested_count = 0;
  int rc = 0;
  for (size_t i = 0; rc == 0 && i < desc->count; i++) {
    const PacketMember* m = &desc->members[i];
    if (!(m->groups & groups)) continue;
    if (m->type == PK_STAT) {
      if (borrowed) values[i] = JS_DupValue(ctx, values[i]);
      nested[nested_count++] = i;
      continue;
    }
    JSValue looked_up = borrowed ? JS_UNDEFINED : JS_GetProperty(ctx, obj, cls->layout.atoms[i]);
    JSValueConst v = borrowed ? values[i] : looked_up;
    if (JS_IsException(v)) rc = -1;
    else if (!JS_IsUndefined(v) && !JS_IsNull(v)) rc = member_from_js(ctx, desc, stat, m, v, pkt, arena);
    JS_FreeValue(ctx, looked_up);
  }
  for (size_t k = 0; k < nested_count; k++) {
    size_t i = nested[k];
    JSValue v = borrowed ? values[i] : rc == 0 ? JS_GetProperty(ctx, obj, cls->layout.atoms[i]) : JS_UNDEFINED;
    if (rc == 0 && JS_IsException(v)) rc = -1;
    else if (rc == 0 && !JS_IsUndefined(v) && !JS_IsNull(v))
      rc = member_from_js(ctx, desc, stat, &desc->members[i], v, pkt, arena);
    JS_FreeValue(ctx, v);
  }
  return rc;
}

/* init's value for member i, by its name or its alias; undefined if it
 * has neither. */
static JSValue init_member(JSContext* ctx, const PacketClass* cls, size_t i, JSValueConst init) {
  JSValue v = JS_GetProperty(ctx, init, cls->layout.atoms[i]);
  if (JS_IsUndefined(v) && cls->aliases[i] != JS_ATOM_NULL)
    v = JS_GetProperty(ctx, init, cls->aliases[i]);
  return v;
}

JSValue packet_new(JSContext* ctx, PacketClass* cls, PacketClass* stat, const void* defaults,
                   JSValueConst init) {
  const PacketDesc* desc = cls->desc;
  bool has_init = !JS_IsUndefined(init) && !JS_IsNull(init);
  if (has_init && !JS_IsObject(init))
    return JS_ThrowTypeError(ctx, "%s: expected an object of initial members", desc->class_name);
  JSValue values[MAX_MEMBERS];
  for (size_t i = 0; i < desc->count; i++) {
    values[i] = has_init ? init_member(ctx, cls, i, init) : JS_UNDEFINED;
    if (JS_IsUndefined(values[i])) values[i] = member_to_js(ctx, cls, i, stat, defaults);
    if (JS_IsException(values[i])) {
      for (size_t j = 0; j < i; j++) JS_FreeValue(ctx, values[j]);
      return JS_EXCEPTION;
    }
  }
  return qjs_layout_new(ctx, &cls->layout, values);
}

JSValue packet_to_js(JSContext* ctx, PacketClass* cls, PacketClass* stat, const void* pkt) {
  return packet_new(ctx, cls, stat, pkt, JS_UNDEFINED);
}

void packet_release(JSContext* ctx, PacketClass* cls, JSValue obj) {
  if (cls) qjs_layout_release(ctx, &cls->layout, obj);
  else JS_FreeValue(ctx, obj);
}
