#include "plugin_def.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The host's keys. Which module and which instance are the host's alone, as
 * in python-fd/sd/dir; the limits reach the script too, as every option of
 * a python plugin does, so that a ported plugin with an option of that name
 * still sees it. */
static const struct {
  const char* key;
  size_t offset;
  bool passed_on;
} host_keys[] = {
    {"module_path", offsetof(PluginDef, module_path), false},
    {"module_name", offsetof(PluginDef, module_name), false},
    {"instance", offsetof(PluginDef, instance), false},
    {"memory_limit", offsetof(PluginDef, memory_limit), true},
    {"daemon_memory_limit", offsetof(PluginDef, daemon_memory_limit), true},
    {"timeout", offsetof(PluginDef, timeout), true},
};

/* A host key's value with its escaping backslashes removed. */
static char* unescape(const char* s, size_t len) {
  char* out = malloc(len + 1);
  if (!out) return NULL;
  size_t o = 0;
  for (size_t i = 0; i < len; i++) {
    if (s[i] == '\\' && i + 1 < len) i++;
    else if (s[i] == '\\') continue;
    out[o++] = s[i];
  }
  out[o] = 0;
  return out;
}

static int append(char** dst, size_t* len, const char* s, size_t n) {
  char* grown = realloc(*dst, *len + n + 1);
  if (!grown) return -1;
  memcpy(grown + *len, s, n);
  *len += n;
  grown[*len] = 0;
  *dst = grown;
  return 0;
}

static PluginDefResult fail(char* err, size_t errlen, const char* fmt,
                            const char* arg, int arg_len) {
  snprintf(err, errlen, fmt, arg_len, arg);
  return PLUGIN_DEF_ERROR;
}

PluginDefResult plugin_def_parse(const char* text, PluginDef* def,
                                 bool keep_existing, char* err, size_t errlen) {
  if (!text) return fail(err, errlen, "empty plugin definition%.*s", "", 0);
  if (strcmp(text, "*all*") == 0) return PLUGIN_DEF_SKIP;
  const char* p = strchr(text, ':');
  if (!p)
    return fail(err, errlen,
                "plugin definition \"%.*s\" has no options; expected "
                "<plugin>:module_name=<name>[:key=value...]",
                text, (int)strlen(text));

  char* residual = NULL;
  size_t residual_len = 0;
  if (keep_existing && def->residual) {
    residual = def->residual;
    residual_len = strlen(residual);
    def->residual = NULL;
  }
  if (append(&residual, &residual_len, "", 0) < 0) goto oom;

  for (p++; *p;) {
    const char* end = p;
    while (*end && !(*end == ':' && end[-1] != '\\')) end++;
    size_t item_len = (size_t)(end - p);
    const char* next = *end ? end + 1 : end;
    if (item_len == 0) {
      p = next;
      continue;
    }
    const char* eq = memchr(p, '=', item_len);
    if (!eq) {
      free(residual);
      return fail(err, errlen, "illegal argument \"%.*s\" without value", p,
                  (int)item_len);
    }
    size_t key_len = (size_t)(eq - p);
    size_t k;
    for (k = 0; k < sizeof host_keys / sizeof host_keys[0]; k++)
      if (strlen(host_keys[k].key) == key_len &&
          strncasecmp(host_keys[k].key, p, key_len) == 0)
        break;
    bool host_key = k < sizeof host_keys / sizeof host_keys[0];
    if (host_key) {
      char** slot = (char**)((char*)def + host_keys[k].offset);
      if (!(keep_existing && *slot)) {
        char* value = unescape(eq + 1, (size_t)(end - eq - 1));
        if (!value) goto oom;
        free(*slot);
        *slot = value;
      }
    }
    if ((!host_key || host_keys[k].passed_on) &&
        (append(&residual, &residual_len, p, item_len) < 0 || append(&residual, &residual_len, ":", 1) < 0))
      goto oom;
    p = next;
  }
  free(def->residual);
  def->residual = residual;
  return PLUGIN_DEF_OK;
oom:
  free(residual);
  return fail(err, errlen, "out of memory%.*s", "", 0);
}

void plugin_def_clear(PluginDef* def) {
  for (size_t k = 0; k < sizeof host_keys / sizeof host_keys[0]; k++) {
    char** slot = (char**)((char*)def + host_keys[k].offset);
    free(*slot);
    *slot = NULL;
  }
  free(def->residual);
  def->residual = NULL;
}
