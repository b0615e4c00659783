/* Objects made again and again with the same members in the same order:
 * packets, stat results.  Made member by member, each would go through
 * one hidden-class (shape) transition per member; a layout keeps a model
 * object for the job and makes new objects that share its shape in one
 * step (JS_NewObjectLike, engine/patches). */
#ifndef QJS_LAYOUT_H
#define QJS_LAYOUT_H

#include <stdbool.h>
#include <stdint.h>

#include "quickjs.h"

typedef struct QjsLayout {
  JSValue proto;
  JSAtom* atoms;  /* the members, in order */
  JSValue model;  /* made on first use, then shared by every object */
  JSValue spare;  /* an object given back, unshared and emptied, to renew */
  uint32_t count;
} QjsLayout;

/* 0, or -1 with an exception pending. */
int qjs_layout_init(JSContext* ctx, QjsLayout* layout, JSValueConst proto,
                    const JSAtom* atoms, uint32_t count);
void qjs_layout_free(JSContext* ctx, QjsLayout* layout);

/* A new object with values[i] as member i (enumerable, writable,
 * configurable).  Takes the values, also on failure. */
JSValue qjs_layout_new(JSContext* ctx, QjsLayout* layout, JSValue* values);

/* Drops the caller's reference to obj, made by qjs_layout_new: if no
 * script kept it either, its members are emptied at once (releasing what
 * they held) and the next qjs_layout_new renews it instead of making
 * another object (one object per I/O call and per file). */
void qjs_layout_release(JSContext* ctx, QjsLayout* layout, JSValue obj);

/* obj's members in values, if obj still has the layout's shape (made by
 * qjs_layout_new, no member added, removed or redefined since): true, else
 * false and the caller looks them up one by one.  The values are borrowed:
 * valid until script code runs. */
bool qjs_layout_values(JSContext* ctx, const QjsLayout* layout, JSValueConst obj, JSValue* values);

#endif
