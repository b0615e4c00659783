/* The runtime's cache of atoms and layouts (cache.h), a fixed table each:
 * the names and shapes a daemon uses on every file are few and known.
 * Atoms are looked up several times per file, so by a hash of the name's
 * address (open addressing) rather than by a walk of every entry. */
#include <stdint.h>

#include "cache.h"
#include "host_internal.h"

static size_t atom_slot(const char* name) {
  return (size_t)(((uintptr_t)name * UINT64_C(0x9E3779B97F4A7C15)) >> 57) & (QJS_CACHE_ATOM_SLOTS - 1);
}

JSAtom qjs_host_atom(QjsHost* host, const char* name) {
  size_t i = atom_slot(name);
  for (; host->atoms[i].name; i = (i + 1) & (QJS_CACHE_ATOM_SLOTS - 1))
    if (host->atoms[i].name == name) return host->atoms[i].atom;
  if (host->atom_count == QJS_CACHE_ATOMS) {
    JS_ThrowInternalError(host->ctx, "no room for another cached name (%s)", name);
    return JS_ATOM_NULL;
  }
  JSAtom atom = JS_NewAtom(host->ctx, name);
  if (atom == JS_ATOM_NULL) return atom;
  host->atoms[i].name = name;
  host->atoms[i].atom = atom;
  host->atom_count++;
  return atom;
}

QjsLayout* qjs_host_layout(QjsHost* host, const char* const* names, uint32_t count) {
  for (int i = 0; i < host->layout_count; i++)
    if (host->layouts[i].names == names) return &host->layouts[i].layout;
  if (host->layout_count == QJS_CACHE_LAYOUTS || count > 32) {
    JS_ThrowInternalError(host->ctx, "no room for another object layout");
    return NULL;
  }
  JSAtom atoms[32];
  uint32_t made = 0;
  while (made < count && (atoms[made] = JS_NewAtom(host->ctx, names[made])) != JS_ATOM_NULL) made++;
  JSValue plain = JS_NewObject(host->ctx);
  JSValue proto = JS_GetPrototype(host->ctx, plain); /* Object.prototype */
  JS_FreeValue(host->ctx, plain);
  QjsLayout* layout = &host->layouts[host->layout_count].layout;
  int rc = made == count && !JS_IsException(proto) ? qjs_layout_init(host->ctx, layout, proto, atoms, count) : -1;
  JS_FreeValue(host->ctx, proto);
  for (uint32_t i = 0; i < made; i++) JS_FreeAtom(host->ctx, atoms[i]);
  if (rc < 0) {
    qjs_layout_free(host->ctx, layout);
    return NULL;
  }
  host->layouts[host->layout_count++].names = names;
  return layout;
}

void qjs_cache_free(QjsHost* host) {
  for (int i = 0; i < QJS_CACHE_ATOM_SLOTS; i++)
    if (host->atoms[i].name) JS_FreeAtom(host->ctx, host->atoms[i].atom);
  for (int i = 0; i < host->layout_count; i++) qjs_layout_free(host->ctx, &host->layouts[i].layout);
}
