#include "consts.h"

static JSValue const_value(JSContext* ctx, const ConstEntry* e) {
  return e->text ? JS_NewString(ctx, e->text) : JS_NewInt32(ctx, e->value);
}

int consts_declare(JSContext* ctx, JSModuleDef* m, const ConstGroups* all) {
  const ConstGroup* groups = all->groups;
  size_t n = all->count;
  for (size_t g = 0; g < n; g++) {
    if (JS_AddModuleExport(ctx, m, groups[g].dict) < 0) return -1;
    for (size_t i = 0; i < groups[g].count; i++)
      if (JS_AddModuleExport(ctx, m, groups[g].entries[i].name) < 0) return -1;
  }
  return 0;
}

/* Each dictionary is frozen as it is built (read-only members, then no
 * new ones), which costs less than freezing it afterwards. */
int consts_define(JSContext* ctx, JSModuleDef* m, const ConstGroups* all) {
  const ConstGroup* groups = all->groups;
  size_t n = all->count;
  for (size_t g = 0; g < n; g++) {
    JSValue dict = JS_NewObject(ctx);
    if (JS_IsException(dict)) return -1;
    for (size_t i = 0; i < groups[g].count; i++) {
      const ConstEntry* e = &groups[g].entries[i];
      JSAtom name = JS_NewAtom(ctx, e->name);
      int rc = name == JS_ATOM_NULL ? -1
               : JS_DefinePropertyValue(ctx, dict, name, const_value(ctx, e), JS_PROP_ENUMERABLE);
      if (name != JS_ATOM_NULL) JS_FreeAtom(ctx, name);
      if (rc < 0 || JS_SetModuleExport(ctx, m, e->name, const_value(ctx, e)) < 0) {
        JS_FreeValue(ctx, dict);
        return -1;
      }
    }
    if (JS_PreventExtensions(ctx, dict) < 0) {
      JS_FreeValue(ctx, dict);
      return -1;
    }
    if (JS_SetModuleExport(ctx, m, groups[g].dict, dict) < 0) return -1;
  }
  return 0;
}
