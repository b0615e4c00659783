/* Table-driven conversion between C packets and JS objects.  A packet is
 * described once as a list of members (JS name, C offset, type, and the
 * copy-back groups it belongs to); one walker converts every packet type in
 * both directions, so adding a member is one line and all members behave
 * the same. */
#ifndef PACKET_H
#define PACKET_H

#include <stddef.h>
#include <stdint.h>

#include "../../engine/layout.h"
#include "quickjs.h"

typedef enum {
  PK_I32,
  PK_U32,
  PK_I64,
  PK_BOOL,
  PK_STRING, /* char*, a byte string (lossless, see qjs_new_bytes_string) */
  PK_FLAGS,  /* char[FOPTS_BYTES] <-> Uint8Array */
  PK_BLOB,   /* char* + int32 length member <-> Uint8Array */
  PK_STAT,   /* struct stat <-> StatPacket */
  PK_SCRIPT_NULL,  /* not in the C packet: for the script, starts null */
  PK_SCRIPT_FALSE, /* ... starts false */
} PacketType;

typedef struct PacketMember {
  const char* name;
  uint16_t offset;
  uint8_t type;
  uint8_t groups;      /* copy-back groups this member belongs to */
  uint16_t len_offset; /* PK_BLOB: offset of its int32 length */
} PacketMember;

typedef struct PacketDesc {
  const char* class_name;
  const PacketMember* members;
  size_t count;
} PacketDesc;

/* A packet type in one runtime: its prototype and member names (as
 * atoms, so that conversions never hash a name) in a layout that keeps the
 * objects' shapes for the job. */
typedef struct PacketRecent PacketRecent;

typedef struct PacketClass {
  const PacketDesc* desc;
  QjsLayout layout;
  JSAtom* aliases; /* the member without its "st_" prefix, or JS_ATOM_NULL */
  PacketRecent* recent; /* per member: the value made last, to reuse */
} PacketClass;

/* 0, or -1 with an exception pending. */
int packet_class_init(JSContext* ctx, PacketClass* cls, const PacketDesc* desc, JSValueConst proto);
void packet_class_free(JSContext* ctx, PacketClass* cls);

/* Strings and blobs copied from JS into a C packet must outlive the call;
 * the arena owns them until it is reset. */
typedef struct PacketArena {
  void** ptrs;
  size_t count, cap;
} PacketArena;

void packet_arena_reset(PacketArena* arena);
void* packet_arena_keep(PacketArena* arena, void* ptr);

/* Builds a JS object of class cls from the C packet; stat is the
 * StatPacket class for PK_STAT members, or NULL to make them null. */
JSValue packet_to_js(JSContext* ctx, PacketClass* cls, PacketClass* stat, const void* pkt);

/* Frees a packet of class cls made for a call; if the script kept no
 * reference, the class's next packet reuses the object. */
void packet_release(JSContext* ctx, PacketClass* cls, JSValue obj);

/* Copies the members in `groups` from obj into the C packet.  Members that
 * are undefined or null are left as they are.  Returns -1 with a TypeError
 * naming the member on a value of the wrong type. */
int packet_from_js(JSContext* ctx, PacketClass* cls, PacketClass* stat,
                   JSValueConst obj, void* pkt, unsigned groups, PacketArena* arena);

/* `new X(init)`: a packet of class cls whose members are init's own
 * members of the same name (or the same without an "st_" prefix), and
 * otherwise those of the C packet defaults: the keyword construction of the
 * Python classes.  init may be undefined or null. */
JSValue packet_new(JSContext* ctx, PacketClass* cls, PacketClass* stat, const void* defaults,
                   JSValueConst init);

extern const PacketDesc stat_packet_desc;

#endif
