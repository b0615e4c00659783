/* The environment and programs, with names as bytes: quickjs-libc's
 * std.getenv and os.exec pass strings as UTF-8, so an argument or variable
 * naming a file that is not UTF-8 would reach the program altered.  Here
 * every string crosses as a byte string (see bytes_string.c). */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bytes_string.h"
#include "os_internal.h"

extern char** environ;

/* getenv(name) -> the value, or undefined. */
static JSValue get_env(JSContext* ctx, JSValueConst this_val, int argc, JSValueConst* argv) {
  (void)this_val, (void)argc;
  char* name = qjs_to_bytes_string(ctx, argv[0], NULL);
  if (!name) return JS_EXCEPTION;
  const char* value = getenv(name);
  free(name);
  return value ? qjs_new_bytes_string(ctx, value, strlen(value)) : JS_UNDEFINED;
}

/* environ() -> { NAME: value, ... } of the daemon's environment. */
static JSValue get_environ(JSContext* ctx, JSValueConst this_val, int argc, JSValueConst* argv) {
  (void)this_val, (void)argc, (void)argv;
  JSValue out = JS_NewObject(ctx);
  for (char** e = environ; e && *e && !JS_IsException(out); e++) {
    const char* eq = strchr(*e, '=');
    if (!eq) continue;
    JSValue key = qjs_new_bytes_string(ctx, *e, (size_t)(eq - *e));
    JSValue value = qjs_new_bytes_string(ctx, eq + 1, strlen(eq + 1));
    JSAtom atom = JS_IsException(key) ? JS_ATOM_NULL : JS_ValueToAtom(ctx, key);
    JS_FreeValue(ctx, key);
    if (atom == JS_ATOM_NULL || JS_IsException(value) ||
        JS_DefinePropertyValue(ctx, out, atom, value, JS_PROP_C_W_E) < 0) {
      if (atom == JS_ATOM_NULL || JS_IsException(value)) JS_FreeValue(ctx, value);
      JS_FreeValue(ctx, out);
      out = JS_EXCEPTION;
    }
    if (atom != JS_ATOM_NULL) JS_FreeAtom(ctx, atom);
  }
  return out;
}

/* A NULL-terminated array of malloc()ed byte strings. */
typedef struct {
  char** v;
  size_t n;
} StringList;

static void list_free(StringList* l) {
  for (size_t i = 0; i < l->n; i++) free(l->v[i]);
  free(l->v);
}

static int list_add(JSContext* ctx, StringList* l, char* s) {
  char** v = s ? realloc(l->v, (l->n + 2) * sizeof *v) : NULL;
  if (!v) {
    free(s);
    if (s) JS_ThrowOutOfMemory(ctx);
    return -1;
  }
  l->v = v;
  l->v[l->n++] = s;
  l->v[l->n] = NULL;
  return 0;
}

static int argv_list(JSContext* ctx, JSValueConst array, StringList* out) {
  int64_t len;
  if (!JS_IsArray(array) || JS_GetLength(ctx, array, &len) < 0 || len < 1) {
    if (!JS_HasException(ctx)) JS_ThrowTypeError(ctx, "exec: argv must be a non-empty array of strings");
    return -1;
  }
  for (int64_t i = 0; i < len; i++) {
    JSValue item = JS_GetPropertyInt64(ctx, array, i);
    char* s = JS_IsString(item) ? qjs_to_bytes_string(ctx, item, NULL) : NULL;
    if (!s && !JS_HasException(ctx)) JS_ThrowTypeError(ctx, "exec: argv[%lld] is not a string", (long long)i);
    JS_FreeValue(ctx, item);
    if (list_add(ctx, out, s) < 0) return -1;
  }
  return 0;
}

/* "NAME=value" strings of an object's own enumerable string properties. */
static int env_list(JSContext* ctx, JSValueConst env, StringList* out) {
  JSPropertyEnum* props;
  uint32_t count;
  if (JS_GetOwnPropertyNames(ctx, &props, &count, env, JS_GPN_STRING_MASK | JS_GPN_ENUM_ONLY) < 0) return -1;
  int rc = 0;
  for (uint32_t i = 0; i < count && rc == 0; i++) {
    JSValue key = JS_AtomToString(ctx, props[i].atom);
    JSValue value = JS_GetProperty(ctx, env, props[i].atom);
    size_t klen, vlen;
    char* k = JS_IsException(key) ? NULL : qjs_to_bytes_string(ctx, key, &klen);
    char* v = k && !JS_IsException(value) ? qjs_to_bytes_string(ctx, value, &vlen) : NULL;
    char* entry = v ? malloc(klen + vlen + 2) : NULL;
    if (entry) {
      memcpy(entry, k, klen);
      entry[klen] = '=';
      memcpy(entry + klen + 1, v, vlen + 1);
    } else if (v) {
      JS_ThrowOutOfMemory(ctx);
    }
    rc = entry ? list_add(ctx, out, entry) : -1;
    free(k);
    free(v);
    JS_FreeValue(ctx, key);
    JS_FreeValue(ctx, value);
  }
  JS_FreePropertyEnum(ctx, props, count);
  return rc;
}

static char* option_string(JSContext* ctx, JSValueConst options, const char* name, int* failed) {
  JSValue v = JS_GetPropertyStr(ctx, options, name);
  char* s = NULL;
  if (JS_IsException(v)) *failed = 1;
  else if (!JS_IsUndefined(v) && !(s = qjs_to_bytes_string(ctx, v, NULL))) *failed = 1;
  JS_FreeValue(ctx, v);
  return s;
}

static int option_fd(JSContext* ctx, JSValueConst options, const char* name, int fallback, int* failed) {
  JSValue v = JS_GetPropertyStr(ctx, options, name);
  int fd = fallback;
  if (JS_IsException(v) || (!JS_IsUndefined(v) && JS_ToInt32(ctx, &fd, v))) *failed = 1;
  JS_FreeValue(ctx, v);
  return fd;
}

/* Between fork and exec only async-signal-safe calls: everything the child
 * needs was made before the fork.  A failure goes back through the pipe. */
static void run_child(const int fds[3], const char* cwd, const char* file, char** argv, char** envp,
                      int report) {
  for (int i = 0; i < 3; i++) {
    if (fds[i] == i) fcntl(i, F_SETFD, 0);
    else if (dup2(fds[i], i) < 0) goto failed;
  }
  /* Only 0-2 and the report pipe (close-on-exec) survive. */
  if ((report > 3 && syscall(SYS_close_range, 3u, (unsigned)report - 1, 0) < 0) ||
      syscall(SYS_close_range, (unsigned)report + 1, ~0u, 0) < 0) {
    for (int fd = 3; fd < 65536; fd++)
      if (fd != report) close(fd);
  }
  /* The daemon ignores SIGPIPE, and ignored signals stay ignored across
   * exec: a program must get the default, as from a shell. */
  struct sigaction dfl = {.sa_handler = SIG_DFL};
  sigaction(SIGPIPE, &dfl, NULL);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);
  if (cwd && chdir(cwd) < 0) goto failed;
  execve(file, argv, envp);
failed:;
  int err = errno;
  ssize_t w = write(report, &err, sizeof err);
  (void)w;
  _exit(127);
}

/* exec(argv, {file, env, cwd, stdin, stdout, stderr}) -> pid.  file is the
 * program (default argv[0], no PATH search); env the whole environment
 * (default the daemon's); stdin/stdout/stderr descriptors for 0-2 (default
 * the daemon's own).  A program that cannot be started throws. */
static JSValue exec_program(JSContext* ctx, JSValueConst this_val, int argc, JSValueConst* argv) {
  (void)this_val;
  JSValueConst options = argc > 1 && JS_IsObject(argv[1]) ? argv[1] : JS_UNDEFINED;
  StringList args = {0}, env = {0};
  bool own_env = false;
  char *file = NULL, *cwd = NULL;
  int failed = argv_list(ctx, argv[0], &args) < 0;
  int fds[3] = {0, 1, 2};
  if (!failed && JS_IsObject(options)) {
    file = option_string(ctx, options, "file", &failed);
    if (!failed) cwd = option_string(ctx, options, "cwd", &failed);
    static const char* const names[] = {"stdin", "stdout", "stderr"};
    for (int i = 0; i < 3 && !failed; i++) fds[i] = option_fd(ctx, options, names[i], i, &failed);
    JSValue e = failed ? JS_UNDEFINED : JS_GetPropertyStr(ctx, options, "env");
    if (JS_IsException(e)) failed = 1;
    else if (JS_IsObject(e) && (own_env = true, env_list(ctx, e, &env) < 0)) failed = 1;
    else if (!JS_IsUndefined(e) && !JS_IsObject(e)) failed = 1, JS_ThrowTypeError(ctx, "exec: env must be an object");
    JS_FreeValue(ctx, e);
  }
  JSValue result = JS_EXCEPTION;
  int report[2] = {-1, -1};
  if (failed) goto done;
  if (pipe2(report, O_CLOEXEC) < 0) {
    result = qjs_os_throw(ctx, "exec", argv[0], errno, NULL);
    goto done;
  }
  const char* program = file ? file : args.v[0];
  static char* no_variables[] = {NULL};
  char** envp = !own_env ? environ : env.v ? env.v : no_variables;
  pid_t pid = fork();
  if (pid == 0) run_child(fds, cwd, program, args.v, envp, report[1]);
  int err = errno;
  close(report[1]);
  report[1] = -1;
  if (pid < 0) {
    result = qjs_os_throw(ctx, "fork", JS_UNDEFINED, err, NULL);
    goto done;
  }
  ssize_t n;
  do n = read(report[0], &err, sizeof err);
  while (n < 0 && errno == EINTR);
  if (n == (ssize_t)sizeof err) {
    /* It never ran: collect the child now, nobody else knows of it. */
    while (waitpid(pid, NULL, 0) < 0 && errno == EINTR) {}
    JSValue name = qjs_new_bytes_string(ctx, program, strlen(program));
    result = qjs_os_throw(ctx, "exec", name, err, NULL);
    JS_FreeValue(ctx, name);
  } else {
    result = JS_NewInt32(ctx, pid);
  }
done:
  for (int i = 0; i < 2; i++)
    if (report[i] >= 0) close(report[i]);
  list_free(&args);
  list_free(&env);
  free(file);
  free(cwd);
  return result;
}

const JSCFunctionListEntry qjs_os_process_funcs[] = {
    JS_CFUNC_DEF("getenv", 1, get_env),
    JS_CFUNC_DEF("environ", 0, get_environ),
    JS_CFUNC_DEF("exec", 2, exec_program),
};
const size_t qjs_os_process_count = sizeof qjs_os_process_funcs / sizeof qjs_os_process_funcs[0];
