/* TextEncoder / TextDecoder (UTF-8 only): scripts turn strings into bytes
 * for packets and back all the time, and QuickJS has neither. */
#include "native_modules.h"

#define countof(a) (sizeof(a) / sizeof((a)[0]))

static JSValue codec_ctor(JSContext* ctx, JSValueConst new_target, int argc,
                          JSValueConst* argv) {
  (void)argc;
  (void)argv;
  JSValue proto = JS_GetPropertyStr(ctx, new_target, "prototype");
  if (JS_IsException(proto)) return proto;
  JSValue obj = JS_NewObjectProto(ctx, proto);
  JS_FreeValue(ctx, proto);
  return obj;
}

static JSValue encoding(JSContext* ctx, JSValueConst this_val) {
  (void)this_val;
  return JS_NewString(ctx, "utf-8");
}

static JSValue encode(JSContext* ctx, JSValueConst this_val, int argc, JSValueConst* argv) {
  (void)this_val;
  if (argc == 0 || JS_IsUndefined(argv[0])) return JS_NewUint8ArrayCopy(ctx, NULL, 0);
  size_t len;
  const char* s = JS_ToCStringLen(ctx, &len, argv[0]);
  if (!s) return JS_EXCEPTION;
  JSValue out = JS_NewUint8ArrayCopy(ctx, (const uint8_t*)s, len);
  JS_FreeCString(ctx, s);
  return out;
}

static JSValue decode(JSContext* ctx, JSValueConst this_val, int argc, JSValueConst* argv) {
  (void)this_val;
  if (argc == 0 || JS_IsUndefined(argv[0])) return JS_NewString(ctx, "");
  size_t len;
  uint8_t* p = JS_GetUint8Array(ctx, &len, argv[0]);
  if (!p) {
    JS_FreeValue(ctx, JS_GetException(ctx));
    p = JS_GetArrayBuffer(ctx, &len, argv[0]);
  }
  if (!p) return JS_EXCEPTION;
  return JS_NewStringLen(ctx, (const char*)p, len);
}

static const JSCFunctionListEntry encoder_proto[] = {
    JS_CGETSET_DEF("encoding", encoding, NULL),
    JS_CFUNC_DEF("encode", 1, encode),
};

static const JSCFunctionListEntry decoder_proto[] = {
    JS_CGETSET_DEF("encoding", encoding, NULL),
    JS_CFUNC_DEF("decode", 1, decode),
};

static int add_class(JSContext* ctx, JSValueConst global, const char* name,
                     const JSCFunctionListEntry* funcs, int count) {
  JSValue ctor = JS_NewCFunction2(ctx, codec_ctor, name, 0, JS_CFUNC_constructor, 0);
  JSValue proto = JS_NewObject(ctx);
  if (JS_SetPropertyFunctionList(ctx, proto, funcs, count) < 0) return -1;
  JS_SetConstructor(ctx, ctor, proto);
  JS_FreeValue(ctx, proto);
  return JS_SetPropertyStr(ctx, global, name, ctor);
}

int qjs_add_text_codecs(JSContext* ctx, JSValueConst global) {
  if (add_class(ctx, global, "TextEncoder", encoder_proto, countof(encoder_proto)) < 0 ||
      add_class(ctx, global, "TextDecoder", decoder_proto, countof(decoder_proto)) < 0)
    return -1;
  return 0;
}
