/* libFuzzer target for the packet conversion layer: common/packet.c with
 * the fd packet tables of fd/fd_packets.c, and the byte strings of
 * engine/bytes_string.c.
 *
 * One runtime for the whole process, made by qjs_host_new() like a job's,
 * with the bindings' runtime state (fd_runtime_new); the packet classes
 * are made by each input's first conversion and cleared after it, so
 * that they run out of memory too.  The low two bits
 * of the first input byte pick a mode, the rest of the input is its data:
 *   0  an instruction stream that builds JS values (see step)
 *   1  JSON, through JS_ParseJSON
 *   2  C packets of every kind filled from the bytes
 *   3  raw bytes for the byte-string round trip
 * Its upper six bits, when not zero, cap the memory the conversions get, for
 * the out-of-memory paths: (bits - 1) * 256 bytes plus the second byte.
 * Values of modes 0 and 1 are copied into every packet kind with every
 * copy-back group and given to every packet class's constructor; C packets
 * go to JS and back.  What must hold: no sanitizer report, a pending
 * exception exactly when a conversion fails, C -> JS -> C keeps every
 * member (int64 only within 2^53, what a JS number holds), bytes -> JS
 * string -> bytes is the identity for bytes without NUL, and after each
 * input the runtime holds no more allocations than before it (no more
 * objects after out-of-memory errors, see LLVMFuzzerTestOneInput). */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../bindings/fd/fd_job.h"
#include "../../bindings/fd/fd_packets.h"

int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

#define countof(a) (sizeof(a) / sizeof((a)[0]))
#define AT(pkt, off, type) ((type*)((char*)(pkt) + (off)))
#define MAX_MEMBERS 32
#define MAX_STACK 16
#define JS_SAFE_INT (INT64_C(1) << 53)
#define MEMORY_LIMIT (64u << 20) /* the plugin's default */

static FdJob job;
static JSContext* ctx;
static JSMemoryUsage baseline; /* what the runtime holds between inputs */
static bool capped;      /* this input's conversions run under a cap */
static size_t headroom; /* ... of this many bytes above what is in use */
static bool low_memory; /* capped now: out-of-memory errors are expected */
/* Each packet table with every member in group 1, to copy back everything
 * packet_to_js produced and compare it with the source. */
static PacketMember every_member[PKT_COUNT][MAX_MEMBERS];
static PacketDesc every_desc[PKT_COUNT];
static PacketClass every_class[PKT_COUNT];
/* Property names the instruction stream can set: every member name, the
 * same without "st_" (packet_new takes both), and a few that change
 * how lookups go. */
static const char* names[128];
static size_t name_count;

/* Values whose conversion is the interesting part: views, detached and
 * resizable buffers, other typed arrays, wrappers, proxies and getters
 * that throw or change a buffer in the middle of a conversion, lone
 * surrogates and NUL in strings, a cycle, slices and concatenations
 * (strings that do not own their characters). */
static const char* const snippets[] = {
    "new Uint8Array(5)",
    "new Uint8Array(new ArrayBuffer(9), 4)",
    "new Uint8Array(new ArrayBuffer(5, {maxByteLength: 64}))",
    "(() => { const b = new ArrayBuffer(5, {maxByteLength: 64});"
    " const u = new Uint8Array(b, 0, 5); b.resize(2); return u; })()",
    "(() => { const b = new ArrayBuffer(8); b.transfer(); return b; })()",
    "(() => { const b = new ArrayBuffer(5); const u = new Uint8Array(b);"
    " b.transfer(); return u; })()",
    "(() => { const b = new ArrayBuffer(5); return { get fname() { b.transfer();"
    " return 'f'; }, flags: new Uint8Array(b), object: new Uint8Array(b) }; })()",
    "(() => { const b = new ArrayBuffer(5, {maxByteLength: 64}); return { get fname()"
    " { b.resize(0); return 'f'; }, flags: new Uint8Array(b), object: b }; })()",
    "new Int16Array(5)",
    "new Float64Array(1)",
    "new DataView(new ArrayBuffer(5))",
    "new SharedArrayBuffer(5)",
    "10n",
    "Symbol('s')",
    "() => 0",
    "new Number(1)",
    "new String('s')",
    "[1, 2, 3, 4, 5]",
    "Object.create(null)",
    "-0",
    "new Proxy({}, { get() { throw new Error('get'); } })",
    "new Proxy({}, { get(t, k) { return k === 'st_mode' ? 2 ** 64 : 'x'; } })",
    "({ get fname() { throw new Error('fname'); }, get st_mode() { throw 1; } })",
    "'\\ud800'",
    "'\\udc80x\\ud800\\udc80\\udbff'",
    "'a\\0b'",
    "(() => { const o = { fname: 'loop' }; o.statp = o; return o; })()",
    "('x'.repeat(300) + '\\u00e9\\udcff').slice(2)",
    "'\\u00e9'.repeat(100).substring(3, 90)",
    "'a'.repeat(100) + 'b'.repeat(100)",
};

static void require(bool ok, const char* what) {
  if (ok) return;
  fprintf(stderr, "packet_fuzz: invariant broken: %s\n", what);
  abort();
}

static const PacketDesc* desc_of(int kind) {
  return kind == PKT_STAT ? &stat_packet_desc : &fd_packet_descs[kind];
}

static void clear_exception(void) { JS_FreeValue(ctx, JS_GetException(ctx)); }

/* The cap covers the code under test only, not the making of values: the
 * QuickJS parser leaks an atom when it runs out of memory. */
static void cap_memory(void) {
  if (!capped) return;
  JSMemoryUsage usage;
  JS_ComputeMemoryUsage(JS_GetRuntime(ctx), &usage);
  JS_SetMemoryLimit(JS_GetRuntime(ctx), (size_t)usage.malloc_size + headroom);
  low_memory = true;
}

static void uncap_memory(void) {
  JS_SetMemoryLimit(JS_GetRuntime(ctx), MEMORY_LIMIT);
  low_memory = false;
}

/* For calls that cannot fail but by running out of memory: true (and the
 * exception cleared) if it failed under a low memory limit. */
static bool out_of_memory(bool failed, const char* what) {
  if (!failed) return false;
  require(low_memory, what);
  require(JS_HasException(ctx), "a failure leaves an exception");
  clear_exception();
  return true;
}

/* QuickJS keeps the backtrace of the last error until the next top-level
 * eval; evaluating nothing drops it, so that only leaks move the counts. */
static JSMemoryUsage runtime_usage(void) {
  JSMemoryUsage usage;
  JS_FreeValue(ctx, JS_Eval(ctx, "", 0, "<none>", JS_EVAL_TYPE_GLOBAL));
  JS_RunGC(JS_GetRuntime(ctx));
  JS_ComputeMemoryUsage(JS_GetRuntime(ctx), &usage);
  return usage;
}

/* ---- input reading: missing bytes read as zero ---- */

typedef struct Reader {
  const uint8_t* p;
  size_t left;
} Reader;

static void take(Reader* r, void* out, size_t n) {
  size_t m = n < r->left ? n : r->left;
  memset(out, 0, n);
  memcpy(out, r->p, m);
  r->p += m;
  r->left -= m;
}

static uint8_t take_u8(Reader* r) {
  uint8_t b;
  take(r, &b, 1);
  return b;
}

/* ---- byte strings ---- */

/* bytes -> JS string -> bytes must give the same bytes back. */
static JSValue bytes_string_checked(const char* bytes, size_t len) {
  JSValue s = qjs_new_bytes_string(ctx, bytes, len);
  if (out_of_memory(JS_IsException(s), "qjs_new_bytes_string of a short string"))
    return JS_UNDEFINED;
  if (memchr(bytes, 0, len)) return s;
  size_t back_len;
  char* back = qjs_to_bytes_string(ctx, s, &back_len);
  if (out_of_memory(back == NULL, "qjs_to_bytes_string of a string without NUL"))
    return s;
  require(back_len == len && memcmp(back, bytes, len) == 0,
          "bytes -> string -> bytes is the identity");
  free(back);
  return s;
}

static void run_bytes(Reader* r) {
  cap_memory();
  while (r->left) {
    const char* seg = (const char*)r->p;
    const char* nul = memchr(seg, 0, r->left);
    size_t len = nul ? (size_t)(nul - seg) : r->left;
    JS_FreeValue(ctx, bytes_string_checked(seg, len));
    r->p += len + (nul != NULL);
    r->left -= len + (nul != NULL);
  }
  uncap_memory();
}

/* ---- C -> JS -> C ---- */

static bool same_members(const PacketDesc* desc, const void* a, const void* b) {
  for (size_t i = 0; i < desc->count; i++) {
    const PacketMember* m = &desc->members[i];
    switch ((PacketType)m->type) {
      case PK_I32:
      case PK_U32:
        if (*AT(a, m->offset, int32_t) != *AT(b, m->offset, int32_t)) return false;
        break;
      case PK_I64: {
        int64_t v = *AT(a, m->offset, int64_t);
        if (v >= -JS_SAFE_INT && v <= JS_SAFE_INT && v != *AT(b, m->offset, int64_t))
          return false;
        break;
      }
      case PK_BOOL:
        if (*AT(a, m->offset, bool) != *AT(b, m->offset, bool)) return false;
        break;
      case PK_STRING: {
        const char* sa = *AT(a, m->offset, char*);
        const char* sb = *AT(b, m->offset, char*);
        if (!sa != !sb || (sa && strcmp(sa, sb) != 0)) return false;
        break;
      }
      case PK_FLAGS:
        if (memcmp(AT(a, m->offset, char), AT(b, m->offset, char), FOPTS_BYTES))
          return false;
        break;
      case PK_BLOB: {
        const char* pa = *AT(a, m->offset, char*);
        const char* pb = *AT(b, m->offset, char*);
        int32_t la = *AT(a, m->len_offset, int32_t);
        if (!pa != !pb) return false;
        if (pa && (la < 0 ? 0 : la) != *AT(b, m->len_offset, int32_t)) return false;
        if (pa && la > 0 && memcmp(pa, pb, (size_t)la)) return false;
        break;
      }
      case PK_STAT:
        if (!same_members(&stat_packet_desc, AT(a, m->offset, struct stat),
                          AT(b, m->offset, struct stat)))
          return false;
        break;
      case PK_SCRIPT_NULL:
      case PK_SCRIPT_FALSE: break; /* not in the C packet */
    }
  }
  return true;
}

/* pkt must be what the core could hand over: strings NUL-terminated or
 * NULL, blob lengths those of their buffers, bools 0 or 1. */
static void round_trip(int kind, const void* pkt) {
  JSValue obj = fd_packet_new(ctx, (FdPacketKind)kind, pkt);
  if (out_of_memory(JS_IsException(obj), "packet_to_js of a valid packet")) return;
  require(!JS_HasException(ctx), "packet_to_js leaves no exception");
  FdAnyPacket back;
  memset(&back, 0, sizeof back);
  PacketArena arena = {0};
  if (!out_of_memory(packet_from_js(ctx, &every_class[kind], &every_class[PKT_STAT], obj,
                                    &back, 1, &arena) < 0,
                     "packet_from_js of what packet_to_js made"))
    require(same_members(desc_of(kind), pkt, &back), "C -> JS -> C keeps every member");
  packet_arena_reset(&arena);
  JS_FreeValue(ctx, obj);
}

/* Strings and blobs of packets filled from the input, freed per packet. */
typedef struct Pool {
  void* ptrs[MAX_MEMBERS * 2];
  size_t count;
} Pool;

/* len bytes from the input into a new buffer with a NUL after them; a
 * length byte of 0xFF means NULL. */
static char* take_buffer(Reader* r, Pool* pool, size_t* len) {
  uint8_t n = take_u8(r);
  if (n == 0xFF) return NULL;
  char* buf = malloc((size_t)n + 1);
  require(buf != NULL, "malloc");
  take(r, buf, n);
  buf[n] = 0;
  pool->ptrs[pool->count++] = buf;
  *len = n;
  return buf;
}

/* Blobs go last: their length member may also be a member of its own
 * (object_len), and must end up matching the buffer. */
static void fill(Reader* r, const PacketDesc* desc, void* pkt, Pool* pool) {
  for (int pass = 0; pass < 2; pass++) {
    for (size_t i = 0; i < desc->count; i++) {
      const PacketMember* m = &desc->members[i];
      if ((m->type == PK_BLOB) != (pass == 1)) continue;
      size_t len;
      switch ((PacketType)m->type) {
        case PK_I32:
        case PK_U32: take(r, AT(pkt, m->offset, int32_t), 4); break;
        case PK_I64: take(r, AT(pkt, m->offset, int64_t), 8); break;
        case PK_BOOL: *AT(pkt, m->offset, bool) = take_u8(r) & 1; break;
        case PK_STRING: *AT(pkt, m->offset, char*) = take_buffer(r, pool, &len); break;
        case PK_FLAGS: take(r, AT(pkt, m->offset, char), FOPTS_BYTES); break;
        case PK_BLOB: {
          char* blob = take_buffer(r, pool, &len);
          *AT(pkt, m->offset, char*) = blob;
          *AT(pkt, m->len_offset, int32_t) = blob ? (int32_t)len : 0;
          break;
        }
        case PK_STAT: fill(r, &stat_packet_desc, AT(pkt, m->offset, struct stat), pool); break;
        case PK_SCRIPT_NULL:
        case PK_SCRIPT_FALSE: break;
      }
    }
  }
}

static void run_packets(Reader* r) {
  for (int kind = 0; kind < PKT_COUNT; kind++) {
    FdAnyPacket pkt;
    memset(&pkt, 0, sizeof pkt);
    Pool pool = {.count = 0};
    fill(r, desc_of(kind), &pkt, &pool);
    cap_memory();
    round_trip(kind, &pkt);
    uncap_memory();
    for (size_t i = 0; i < pool.count; i++) free(pool.ptrs[i]);
  }
}

/* ---- JS -> C ---- */

/* obj into every packet kind with every copy-back group; what all groups
 * together brought across goes back to JS and again to C.  Then obj as the
 * argument of every packet class's constructor, whose result must convert
 * like any packet. */
static void exercise(JSValueConst obj) {
  static const unsigned groups[] = {1, 2, 4, 8, 16, 0xFF};
  for (int kind = 0; kind < PKT_COUNT; kind++) {
    PacketClass* cls = fd_class(ctx, (FdPacketKind)kind);
    PacketClass* stat = fd_class(ctx, PKT_STAT);
    if (out_of_memory(!cls || !stat, "fd_class")) continue;
    for (size_t g = 0; g < countof(groups); g++) {
      FdAnyPacket pkt;
      memset(&pkt, 0, sizeof pkt);
      PacketArena arena = {0};
      if (packet_from_js(ctx, cls, stat, obj, &pkt, groups[g], &arena) < 0) {
        require(JS_HasException(ctx), "a failed conversion leaves an exception");
        clear_exception();
      } else {
        require(!JS_HasException(ctx), "a conversion leaves no exception");
        if (groups[g] == 0xFF) round_trip(kind, &pkt);
      }
      packet_arena_reset(&arena);
    }
    JSValue made = JS_CallConstructor(ctx, fd_packet_class(ctx, (FdPacketKind)kind), 1, &obj);
    if (JS_IsException(made)) {
      require(JS_HasException(ctx), "a failed constructor leaves an exception");
      clear_exception();
      continue;
    }
    require(!JS_HasException(ctx), "a constructor leaves no exception");
    FdAnyPacket pkt;
    memset(&pkt, 0, sizeof pkt);
    PacketArena arena = {0};
    if (packet_from_js(ctx, cls, stat, made, &pkt, 0xFF, &arena) < 0) clear_exception();
    else round_trip(kind, &pkt);
    packet_arena_reset(&arena);
    JS_FreeValue(ctx, made);
  }
}

enum {
  OP_INT, OP_DOUBLE, OP_BYTES, OP_UTF16, OP_UINT8ARRAY, OP_ARRAYBUFFER,
  OP_CONST, OP_OBJECT, OP_SNIPPET, OP_SET, OP_DUP, OP_DETACH, OP_COUNT
};

typedef struct Stack {
  JSValue v[MAX_STACK];
  int n;
} Stack;

static void push(Stack* st, JSValue v) {
  if (JS_IsException(v)) {
    clear_exception();
    return;
  }
  if (st->n == MAX_STACK) JS_FreeValue(ctx, v);
  else st->v[st->n++] = v;
}

/* One operation of the stream: most push a value, OP_SET pops one and
 * makes it a property of the value below, named from `names`. */
static void step(Reader* r, Stack* st) {
  uint8_t buf[256];
  uint8_t n;
  switch (take_u8(r) % OP_COUNT) {
    case OP_INT: {
      int32_t i;
      take(r, &i, sizeof i);
      push(st, JS_NewInt32(ctx, i));
      break;
    }
    case OP_DOUBLE: {
      double d;
      take(r, &d, sizeof d);
      push(st, JS_NewFloat64(ctx, d));
      break;
    }
    case OP_BYTES:
      n = take_u8(r);
      take(r, buf, n);
      push(st, bytes_string_checked((const char*)buf, n));
      break;
    case OP_UTF16: {
      uint16_t units[64];
      n = take_u8(r) % countof(units);
      take(r, units, n * sizeof *units);
      push(st, JS_NewStringUTF16(ctx, units, n));
      break;
    }
    case OP_UINT8ARRAY:
      n = take_u8(r);
      take(r, buf, n);
      push(st, JS_NewUint8ArrayCopy(ctx, buf, n));
      break;
    case OP_ARRAYBUFFER:
      n = take_u8(r);
      take(r, buf, n);
      push(st, JS_NewArrayBufferCopy(ctx, buf, n));
      break;
    case OP_CONST: {
      const JSValue consts[] = {JS_NULL, JS_UNDEFINED, JS_TRUE, JS_FALSE};
      push(st, consts[take_u8(r) % countof(consts)]);
      break;
    }
    case OP_OBJECT: push(st, JS_NewObject(ctx)); break;
    case OP_SNIPPET: {
      const char* src = snippets[take_u8(r) % countof(snippets)];
      push(st, JS_Eval(ctx, src, strlen(src), "<snippet>", JS_EVAL_TYPE_GLOBAL));
      break;
    }
    case OP_SET: {
      const char* name = names[take_u8(r) % name_count];
      if (st->n < 2) break;
      JSValue v = st->v[--st->n];
      if (!JS_IsObject(st->v[st->n - 1])) {
        JS_FreeValue(ctx, v);
      } else if (JS_SetPropertyStr(ctx, st->v[st->n - 1], name, v) < 0) {
        clear_exception();
      }
      break;
    }
    case OP_DUP:
      if (st->n) push(st, JS_DupValue(ctx, st->v[st->n - 1]));
      break;
    case OP_DETACH: {
      if (!st->n) break;
      size_t offset, len, bytes_per_element;
      JSValue buffer = JS_GetTypedArrayBuffer(ctx, st->v[st->n - 1], &offset, &len,
                                              &bytes_per_element);
      if (JS_IsException(buffer)) {
        clear_exception();
        buffer = JS_DupValue(ctx, st->v[st->n - 1]);
      }
      JS_DetachArrayBuffer(ctx, buffer); /* does nothing to other values */
      JS_FreeValue(ctx, buffer);
      break;
    }
  }
}

/* Every value the stream leaves on the stack is tried as a packet. */
static void run_stream(Reader* r) {
  Stack st = {.n = 0};
  while (r->left) step(r, &st);
  cap_memory();
  for (int i = 0; i < st.n; i++) exercise(st.v[i]);
  uncap_memory();
  for (int i = 0; i < st.n; i++) JS_FreeValue(ctx, st.v[i]);
}

static void run_json(Reader* r) {
  char* text = malloc(r->left + 1);
  require(text != NULL, "malloc");
  memcpy(text, r->p, r->left);
  text[r->left] = 0;
  JSValue v = JS_ParseJSON(ctx, text, r->left, "<input>");
  free(text);
  if (JS_IsException(v)) {
    clear_exception();
    return;
  }
  cap_memory();
  exercise(v);
  uncap_memory();
  JS_FreeValue(ctx, v);
}

/* ---- the runtime, once per process ---- */

static void job_message(void* opaque, int type, const char* text) {
  (void)opaque;
  fprintf(stderr, "packet_fuzz: job message %d: %s\n", type, text);
}

static void debug_message(void* opaque, int level, const char* text) {
  (void)opaque, (void)level, (void)text;
}

static void add_name(const char* name) {
  require(name_count < countof(names), "names[] large enough");
  names[name_count++] = name;
}

static void set_up(void) {
  static const QjsHostDesc host_desc = {
      .prefix = "packet_fuzz: ",
      .job_message = job_message,
      .debug_message = debug_message,
      .state_new = fd_runtime_new,
      .state_free = fd_runtime_free,
  };
  static const QjsLimits limits = {.memory = MEMORY_LIMIT};
  job.inst.host = qjs_host_new(&host_desc, &limits, &job);
  require(job.inst.host != NULL, "qjs_host_new");
  ctx = qjs_host_context(job.inst.host);
  for (int kind = 0; kind < PKT_COUNT; kind++) {
    const PacketDesc* desc = desc_of(kind);
    require(desc->count <= MAX_MEMBERS, "MAX_MEMBERS large enough");
    for (size_t i = 0; i < desc->count; i++) {
      every_member[kind][i] = desc->members[i];
      every_member[kind][i].groups = 1;
      add_name(desc->members[i].name);
      if (strncmp(desc->members[i].name, "st_", 3) == 0) add_name(desc->members[i].name + 3);
    }
    every_desc[kind] = (PacketDesc){desc->class_name, every_member[kind], desc->count};
    require(packet_class_init(ctx, &every_class[kind], &every_desc[kind], JS_NULL) == 0,
            "packet_class_init");
  }
  add_name("buf");
  add_name("__proto__");

}

static void run(const uint8_t* data, size_t size) {
  Reader r = {data + 1, size - 1};
  capped = data[0] >> 2;
  if (capped) headroom = ((data[0] >> 2) - 1u) * 256u + take_u8(&r);
  qjs_host_enter(job.inst.host);
  switch (data[0] & 3) {
    case 0: run_stream(&r); break;
    case 1: run_json(&r); break;
    case 2: run_packets(&r); break;
    case 3: run_bytes(&r); break;
  }
  require(!JS_HasException(ctx), "no exception left pending");
  fd_runtime_clear(ctx);
  qjs_host_leave(job.inst.host);
}

/* What QuickJS allocates once, on first use (a JSON syntax error, say),
 * is allocated here, so that the count only moves if something leaks.
 * Every snippet must evaluate. */
static void warm_up(void) {
  static const char* const inputs[] = {"\1[", "\1{\"fname\": \"x\", \"statp\": {}}",
                                       "\2", "\3\xff"};
  for (size_t i = 0; i < countof(inputs); i++)
    run((const uint8_t*)inputs[i], strlen(inputs[i]));
  qjs_host_enter(job.inst.host);
  for (size_t i = 0; i < countof(snippets); i++) {
    JSValue v = JS_Eval(ctx, snippets[i], strlen(snippets[i]), "<snippet>",
                        JS_EVAL_TYPE_GLOBAL);
    require(!JS_IsException(v), snippets[i]);
    exercise(v);
    JS_FreeValue(ctx, v);
  }
  fd_runtime_clear(ctx);
  qjs_host_leave(job.inst.host);
}

int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (!ctx) {
    set_up();
    warm_up();
    baseline = runtime_usage();
  }
  if (size == 0) return 0;
  run(data, size);
  JSMemoryUsage now = runtime_usage();
  /* Out of memory, QuickJS itself leaks a string now and then (the one
   * JS_ToCStringLen() failed to convert): objects must still all go, and
   * what it leaked is part of the baseline from then on. */
  if (capped) require(now.obj_count == baseline.obj_count, "no object leaks");
  else require(now.malloc_count == baseline.malloc_count, "no allocation leaks");
  baseline = now;
  return 0;
}
