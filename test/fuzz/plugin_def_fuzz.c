/* libFuzzer target for the plugin-definition parser.
 *
 * Input: one byte of set-up, then two definitions separated by the first
 * NUL (without a NUL the second is NULL).  The first is parsed into a
 * fresh PluginDef, the second into the same one, with keep_existing unless
 * bit 7 of the set-up byte is set: NewPluginOptions followed by the
 * FileSet's definition (instance.c), or a plain re-parse.  The low seven
 * bits size the error buffer, allocated exactly so that ASan sees any
 * write past it. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../bindings/common/plugin_def.h"

int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

/* The first HOST_ONLY host keys never reach the script; the limits do. */
enum { HOST_ONLY = 3, HOST_KEYS = 6, RESIDUAL = HOST_KEYS, FIELDS };

static char** field(PluginDef* def, int i) {
  char** fields[FIELDS] = {&def->module_path,  &def->module_name,
                           &def->instance,     &def->memory_limit,
                           &def->daemon_memory_limit, &def->timeout,
                           &def->residual};
  return fields[i];
}

static void require(bool ok, const char* what) {
  if (ok) return;
  fprintf(stderr, "plugin_def_fuzz: invariant broken: %s\n", what);
  abort();
}

static char* dup_or_null(const char* s) {
  if (!s) return NULL;
  char* d = strdup(s);
  require(d != NULL, "strdup");
  return d;
}

static bool same(const char* a, const char* b) {
  return a == b || (a && b && strcmp(a, b) == 0);
}

/* The residual is what the script parses with the same rules, so parsing
 * it again must find none of the host's own keys and give it back
 * unchanged.  Not for a
 * definition ending in a backslash: its last item then ends in "\:", an
 * escaped colon (python-fd passes it on the same way). */
static void check_reparse(const char* residual) {
  size_t len = strlen(residual);
  char* text = malloc(len + 3);
  require(text != NULL, "malloc");
  memcpy(text, "p:", 2);
  memcpy(text + 2, residual, len + 1);
  PluginDef again = {0};
  char err[64];
  require(plugin_def_parse(text, &again, false, err, sizeof err) == PLUGIN_DEF_OK,
          "the residual parses");
  for (int i = 0; i < HOST_ONLY; i++)
    require(*field(&again, i) == NULL, "no module or instance key in the residual");
  require(strcmp(again.residual, residual) == 0, "the residual parses to itself");
  plugin_def_clear(&again);
  free(text);
}

/* Parses text into def and checks what the header promises: one of the
 * three results, a residual on success (made of "key=value:" items), no
 * value longer than the text, an error message on error, an untouched def
 * on SKIP, and with keep_existing the host keys set before unchanged and
 * the old residual kept as a prefix. */
static void parse_and_check(const char* text, PluginDef* def, bool keep,
                            char* err, size_t errlen) {
  char* before[FIELDS];
  for (int i = 0; i < FIELDS; i++) before[i] = dup_or_null(*field(def, i));
  if (errlen) err[0] = 0;

  PluginDefResult r = plugin_def_parse(text, def, keep, err, errlen);
  size_t text_len = text ? strlen(text) : 0;
  switch (r) {
    case PLUGIN_DEF_OK: {
      const char* res = def->residual;
      require(res != NULL, "residual set on OK");
      size_t len = strlen(res);
      require(len == 0 || res[len - 1] == ':', "residual ends with ':'");
      size_t old = keep && before[RESIDUAL] ? strlen(before[RESIDUAL]) : 0;
      require(strncmp(res, keep && before[RESIDUAL] ? before[RESIDUAL] : "", old) == 0,
              "keep_existing keeps the old residual as a prefix");
      require(len - old <= text_len, "residual no longer than the text");
      if (text_len == 0 || text[text_len - 1] != '\\') check_reparse(res + old);
      for (int i = 0; i < HOST_KEYS; i++) {
        const char* v = *field(def, i);
        require(!v || strlen(v) <= text_len || same(v, before[i]),
                "host key value no longer than the text");
        if (keep && before[i]) require(same(v, before[i]), "keep_existing keeps host keys");
      }
      break;
    }
    case PLUGIN_DEF_SKIP:
      for (int i = 0; i < FIELDS; i++)
        require(same(*field(def, i), before[i]), "SKIP leaves def alone");
      break;
    case PLUGIN_DEF_ERROR:
      require(errlen <= 1 || err[0] != 0, "error message on ERROR");
      break;
    default:
      require(false, "result is one of the three values");
  }
  if (errlen) require(memchr(err, 0, errlen) != NULL, "error message terminated");
  for (int i = 0; i < FIELDS; i++) free(before[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  size_t errlen = data[0] & 0x7F;
  bool keep = !(data[0] & 0x80);

  /* NUL-terminated copy; a second NUL ends the second definition. */
  char* text = malloc(size + 1);
  require(text != NULL, "malloc");
  memcpy(text, data + 1, size - 1);
  text[size - 1] = text[size] = 0;
  const char* second = memchr(data + 1, 0, size - 1) ? text + strlen(text) + 1 : NULL;

  char* err = malloc(errlen ? errlen : 1);
  require(err != NULL, "malloc");
  PluginDef def = {0};
  parse_and_check(text, &def, false, err, errlen);
  parse_and_check(second, &def, keep, err, errlen);
  plugin_def_clear(&def);
  for (int i = 0; i < FIELDS; i++) require(*field(&def, i) == NULL, "clear empties def");
  free(err);
  free(text);
  return 0;
}
