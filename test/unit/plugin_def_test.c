/* The plugin-definition parser against a table of definitions, written to
 * match python-fd's behaviour (reference §3). */
#include <stdio.h>
#include <string.h>

#include "../../bindings/common/plugin_def.h"

typedef struct {
  const char* text;
  PluginDefResult result;
  const char* module_path;
  const char* module_name;
  const char* residual;
  const char* error_part;
} Case;

static const Case cases[] = {
    {"quickjs:module_path=/p:module_name=m", PLUGIN_DEF_OK, "/p", "m", "", NULL},
    {"quickjs:module_name=m:a=1:b=2", PLUGIN_DEF_OK, NULL, "m", "a=1:b=2:", NULL},
    {"quickjs:MODULE_NAME=m:Module_Path=/x", PLUGIN_DEF_OK, "/x", "m", "", NULL},
    {"quickjs:module_name=m:path=/a\\:b:c=d", PLUGIN_DEF_OK, NULL, "m", "path=/a\\:b:c=d:", NULL},
    {"quickjs:module_path=/a\\:b:module_name=m", PLUGIN_DEF_OK, "/a:b", "m", "", NULL},
    {"quickjs:module_name=m::a=1:", PLUGIN_DEF_OK, NULL, "m", "a=1:", NULL},
    {"quickjs:module_name=m:empty=", PLUGIN_DEF_OK, NULL, "m", "empty=:", NULL},
    {"quickjs:module_name=m:eq=a=b", PLUGIN_DEF_OK, NULL, "m", "eq=a=b:", NULL},
    /* The host reads the limits and, like python-fd every option, passes them on. */
    {"quickjs:module_name=m:memory_limit=8M:timeout=3", PLUGIN_DEF_OK, NULL, "m", "memory_limit=8M:timeout=3:", NULL},
    {"quickjs:module_name=m:instance=2:daemon_memory_limit=1G", PLUGIN_DEF_OK, NULL, "m", "daemon_memory_limit=1G:", NULL},
    {"quickjs:module_name=m:module=x", PLUGIN_DEF_OK, NULL, "m", "module=x:", NULL},
    {"quickjs:", PLUGIN_DEF_OK, NULL, NULL, "", NULL},
    {"*all*", PLUGIN_DEF_SKIP, NULL, NULL, NULL, NULL},
    {"quickjs", PLUGIN_DEF_ERROR, NULL, NULL, NULL, "has no options"},
    {"", PLUGIN_DEF_ERROR, NULL, NULL, NULL, "has no options"},
    {"quickjs:module_name=m:novalue", PLUGIN_DEF_ERROR, NULL, NULL, NULL,
     "illegal argument \"novalue\" without value"},
    {"quickjs:module_name=m:trail\\", PLUGIN_DEF_ERROR, NULL, NULL, NULL, "without value"},
};

static int passed, failed;

static void check(int ok, const char* what, const char* text) {
  if (ok) {
    passed++;
  } else {
    failed++;
    printf("not ok: %s for \"%s\"\n", what, text);
  }
}

static int same(const char* a, const char* b) {
  return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

int main(void) {
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const Case* c = &cases[i];
    PluginDef def = {0};
    char err[256] = "";
    PluginDefResult r = plugin_def_parse(c->text, &def, false, err, sizeof err);
    check(r == c->result, "result", c->text);
    if (r == PLUGIN_DEF_OK) {
      check(same(def.module_path, c->module_path), "module_path", c->text);
      check(same(def.module_name, c->module_name), "module_name", c->text);
      check(same(def.residual, c->residual), "residual", c->text);
    }
    if (c->error_part) check(strstr(err, c->error_part) != NULL, err, c->text);
    plugin_def_clear(&def);
  }

  /* NewPluginOptions first, then the FileSet's definition: the options win
   * for host keys, and come first in the residual so they win there too. */
  PluginDef def = {0};
  char err[256];
  plugin_def_parse("quickjs:module_name=override:a=1", &def, false, err, sizeof err);
  plugin_def_parse("quickjs:module_name=fileset:module_path=/p:a=2:b=3", &def, true, err,
                   sizeof err);
  check(same(def.module_name, "override"), "keep_existing module_name", "override");
  check(same(def.module_path, "/p"), "keep_existing module_path", "override");
  check(same(def.residual, "a=1:a=2:b=3:"), "keep_existing residual", "override");
  plugin_def_clear(&def);

  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
