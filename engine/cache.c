/* The runtime's cache of atoms and layouts (cache.h), a fixed table each:
 * the names and shapes a daemon uses on every file are few and known. */
#include "cache.h"
#include "host_internal.h"

JSAtom qjs_host_atom(QjsHost* host, const char* name) {
  for (int i = 0; i < host->atom_count; i++)
    if (host->atoms[i].name == name) return host->atoms[i].atom;
  if (host->atom_count == QJS_CACHE_ATOMS) {
    JS_ThrowInternalError(host->ctx, "no room for another cached name (%s)", name);
    return JS_ATOM_NULL;
  }
  JSAtom atom = JS_NewAtom(host->ctx, name);
  if (atom == JS_ATOM_NULL) return atom;
  host->atoms[host->atom_count].name = name;
  host->atoms[host->atom_count++].atom = atom;
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
  for (int i = 0; i < host->atom_count; i++) JS_FreeAtom(host->ctx, host->atoms[i].atom);
  for (int i = 0; i < host->layout_count; i++) qjs_layout_free(host->ctx, &host->layouts[i].layout);
  host->atom_count = host->layout_count = 0;
}
