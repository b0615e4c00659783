#include "layout.h"

#include <stdlib.h>

int qjs_layout_init(JSContext* ctx, QjsLayout* layout, JSValueConst proto,
                    const JSAtom* atoms, uint32_t count) {
  *layout = (QjsLayout){.proto = JS_DupValue(ctx, proto), .model = JS_UNDEFINED,
                        .spare = JS_UNDEFINED, .count = count};
  layout->atoms = calloc(count ? count : 1, sizeof *layout->atoms);
  if (!layout->atoms) {
    JS_ThrowOutOfMemory(ctx);
    return -1;
  }
  for (uint32_t i = 0; i < count; i++) layout->atoms[i] = JS_DupAtom(ctx, atoms[i]);
  return 0;
}

void qjs_layout_free(JSContext* ctx, QjsLayout* layout) {
  for (uint32_t i = 0; layout->atoms && i < layout->count; i++) JS_FreeAtom(ctx, layout->atoms[i]);
  free(layout->atoms);
  JS_FreeValue(ctx, layout->spare);
  JS_FreeValue(ctx, layout->model);
  JS_FreeValue(ctx, layout->proto);
  *layout = (QjsLayout){.proto = JS_UNDEFINED, .model = JS_UNDEFINED, .spare = JS_UNDEFINED};
}

static JSValue make_model(JSContext* ctx, const QjsLayout* layout) {
  JSValue model = JS_NewObjectProto(ctx, layout->proto);
  for (uint32_t i = 0; i < layout->count && !JS_IsException(model); i++) {
    if (JS_DefinePropertyValue(ctx, model, layout->atoms[i], JS_UNDEFINED, JS_PROP_C_W_E) < 0) {
      JS_FreeValue(ctx, model);
      model = JS_EXCEPTION;
    }
  }
  return model;
}

JSValue qjs_layout_new(JSContext* ctx, QjsLayout* layout, JSValue* values) {
  if (JS_IsUndefined(layout->model)) {
    JSValue model = make_model(ctx, layout);
    if (JS_IsException(model)) {
      for (uint32_t i = 0; i < layout->count; i++) JS_FreeValue(ctx, values[i]);
      return model;
    }
    layout->model = model;
  }
  JSValue spare = layout->spare;
  layout->spare = JS_UNDEFINED;
  if (JS_RenewObjectLike(ctx, spare, layout->model, (int)layout->count, values)) return spare;
  JS_FreeValue(ctx, spare);
  return JS_NewObjectLike(ctx, layout->model, (int)layout->count, values);
}

/* Layouts with more members keep no spare. */
#define MAX_SPARE_MEMBERS 64

void qjs_layout_release(JSContext* ctx, QjsLayout* layout, JSValue obj) {
  if (JS_IsUndefined(layout->spare) && !JS_IsUndefined(layout->model) &&
      layout->count <= MAX_SPARE_MEMBERS) {
    /* Emptied now, so that the spare holds on to nothing of its call's. */
    JSValue blank[MAX_SPARE_MEMBERS];
    for (uint32_t i = 0; i < layout->count; i++) blank[i] = JS_UNDEFINED;
    if (JS_RenewObjectLike(ctx, obj, layout->model, (int)layout->count, blank)) {
      layout->spare = obj;
      return;
    }
  }
  JS_FreeValue(ctx, obj);
}

bool qjs_layout_values(JSContext* ctx, const QjsLayout* layout, JSValueConst obj, JSValue* values) {
  return !JS_IsUndefined(layout->model) &&
         JS_GetValuesLike(ctx, obj, layout->model, (int)layout->count, values);
}
