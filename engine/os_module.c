/* bareos:os — the file-system calls a backup or restore needs and
 * quickjs-libc lacks or cannot do with non-UTF-8 names.  Every path crosses
 * as a byte string (see bytes_string.c).  Failures throw an Error whose
 * `code` names the errno ("ENOENT"), with `errno`, `syscall` and `path`. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/uio.h>
#include <signal.h>
#include <stdlib.h>
#include <pthread.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "bytes_string.h"
#include "cache.h"
#include "native_modules.h"
#include "runtime.h"
#include "os_internal.h"

#define countof(a) (sizeof(a) / sizeof((a)[0]))

#define INT_CONST(x) JS_PROP_INT32_DEF(#x, x, JS_PROP_ENUMERABLE)

/* One table for both: the module's errno constants (a plugin sets
 * iop.io_errno = os.EIO) and the names in OsError.code. */
static const JSCFunctionListEntry errno_consts[] = {
    INT_CONST(EPERM),  INT_CONST(ENOENT), INT_CONST(ESRCH),   INT_CONST(EINTR),   INT_CONST(EIO),
    INT_CONST(ENXIO),  INT_CONST(E2BIG),  INT_CONST(EBADF),   INT_CONST(ECHILD),  INT_CONST(EAGAIN),
    INT_CONST(ENOMEM), INT_CONST(EACCES), INT_CONST(EFAULT),  INT_CONST(EBUSY),   INT_CONST(EEXIST),
    INT_CONST(EXDEV),  INT_CONST(ENODEV), INT_CONST(ENOTDIR), INT_CONST(EISDIR),  INT_CONST(EINVAL),
    INT_CONST(ENFILE), INT_CONST(EMFILE), INT_CONST(ENOTTY),  INT_CONST(EFBIG),   INT_CONST(ENOSPC),
    INT_CONST(ESPIPE), INT_CONST(EROFS),  INT_CONST(EMLINK),  INT_CONST(EPIPE),   INT_CONST(ERANGE),
    INT_CONST(ENAMETOOLONG), INT_CONST(ENOTEMPTY), INT_CONST(ELOOP), INT_CONST(EOVERFLOW),
    INT_CONST(ENOTSUP), INT_CONST(ETXTBSY), INT_CONST(EDQUOT), INT_CONST(ENOSYS), INT_CONST(ECANCELED),
};

static const char* errno_name(int err) {
  for (size_t i = 0; i < countof(errno_consts); i++)
    if (errno_consts[i].u.i32 == err) return errno_consts[i].name;
  return "EUNKNOWN";
}

JSValue qjs_os_throw(JSContext* ctx, const char* syscall, JSValueConst path, int err, const char* reason) {
  /* The path goes into the message as the bytes it stands for, so that the
   * message names the file exactly, also on its way to the job log. */
  size_t plen = 0;
  char* p = JS_IsUndefined(path) ? NULL : qjs_to_bytes(ctx, path, &plen);
  if (!p && !JS_IsUndefined(path)) JS_FreeValue(ctx, JS_GetException(ctx));
  JSValue e = JS_NewError(ctx);
  char msg[1024];
  int n = snprintf(msg, sizeof msg, "%s%s%s: %s", syscall, p ? " " : "", p ? p : "",
                   reason ? reason : strerror(err));
  size_t len = n < 0 ? 0 : (size_t)n < sizeof msg ? (size_t)n : sizeof msg - 1;
  JS_SetPropertyStr(ctx, e, "message", qjs_new_bytes_string(ctx, msg, len));
  JS_SetPropertyStr(ctx, e, "code", JS_NewString(ctx, errno_name(err)));
  JS_SetPropertyStr(ctx, e, "errno", JS_NewInt32(ctx, err));
  JS_SetPropertyStr(ctx, e, "syscall", JS_NewString(ctx, syscall));
  if (!JS_IsUndefined(path)) JS_SetPropertyStr(ctx, e, "path", JS_DupValue(ctx, path));
  free(p);
  return JS_Throw(ctx, e);
}

static JSValue throw_errno(JSContext* ctx, const char* syscall, JSValueConst path) {
  return qjs_os_throw(ctx, syscall, path, errno, NULL);
}

static int arg_int(JSContext* ctx, int argc, JSValueConst* argv, int i,
                   int fallback, int* out) {
  if (i >= argc || JS_IsUndefined(argv[i])) return *out = fallback, 0;
  return JS_ToInt32(ctx, out, argv[i]);
}

static double timespec_seconds(struct timespec t) {
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static JSValue stat_object(JSContext* ctx, const struct stat* st) {
  static const char* const names[] = {
      "st_dev",     "st_ino",    "st_mode",  "st_nlink", "st_uid",   "st_gid",
      "st_rdev",    "st_size",   "st_blksize", "st_blocks", "st_atime", "st_mtime",
      "st_ctime",   "atime",     "mtime",    "ctime",
  };
  JSValue values[] = {
      JS_NewInt64(ctx, (int64_t)st->st_dev),     JS_NewInt64(ctx, (int64_t)st->st_ino),
      JS_NewUint32(ctx, st->st_mode),            JS_NewInt64(ctx, (int64_t)st->st_nlink),
      JS_NewUint32(ctx, st->st_uid),             JS_NewUint32(ctx, st->st_gid),
      JS_NewInt64(ctx, (int64_t)st->st_rdev),    JS_NewInt64(ctx, st->st_size),
      JS_NewInt64(ctx, st->st_blksize),          JS_NewInt64(ctx, st->st_blocks),
      JS_NewInt64(ctx, st->st_atim.tv_sec),      JS_NewInt64(ctx, st->st_mtim.tv_sec),
      JS_NewInt64(ctx, st->st_ctim.tv_sec),      JS_NewFloat64(ctx, timespec_seconds(st->st_atim)),
      JS_NewFloat64(ctx, timespec_seconds(st->st_mtim)), JS_NewFloat64(ctx, timespec_seconds(st->st_ctim)),
  };
  _Static_assert(countof(names) == countof(values), "one value per name");
  QjsLayout* layout = qjs_host_layout(qjs_host_from(ctx), names, countof(names));
  return layout ? qjs_layout_new(ctx, layout, values) : JS_EXCEPTION;
}

/* Calls taking one path and optional integers, dispatched by magic. */
enum {
  OP_STAT, OP_LSTAT, OP_UNLINK, OP_RMDIR, OP_MKDIR, OP_MKFIFO, OP_CHMOD,
  OP_CHOWN, OP_LCHOWN, OP_OPEN, OP_READLINK, OP_REALPATH, OP_READDIR, OP_SCANDIR
};
static const char* const path_op_names[] = {
    "stat", "lstat", "unlink", "rmdir", "mkdir", "mkfifo", "chmod",
    "chown", "lchown", "open", "readlink", "realpath", "readdir", "scandir"};

/* A scandir() entry: the type comes from the directory itself, so a walk
 * needs no lstat() to tell directories from files (0 where the file system
 * does not say). */
static JSValue dir_entry(JSContext* ctx, const struct dirent* e) {
  static const char* const names[] = {"name", "type"};
  JSValue values[] = {
      qjs_new_bytes_string(ctx, e->d_name, strlen(e->d_name)),
      JS_NewInt32(ctx, e->d_type == DT_UNKNOWN ? 0 : (int32_t)DTTOIF(e->d_type)),
  };
  if (JS_IsException(values[0])) return values[0];
  QjsLayout* layout = qjs_host_layout(qjs_host_from(ctx), names, countof(names));
  if (!layout) {
    JS_FreeValue(ctx, values[0]);
    return JS_EXCEPTION;
  }
  return qjs_layout_new(ctx, layout, values);
}

static int not_dots(const struct dirent* e) {
  return strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
}

/* Byte order, whatever the locale: the same tree always walks the same way. */
static int by_name(const struct dirent** a, const struct dirent** b) {
  return strcmp((*a)->d_name, (*b)->d_name);
}

/* readdir(): names in the directory's order.  scandir(): entries with
 * their types, sorted by name here rather than by a comparator called from
 * the script (one JS call per comparison). */
static JSValue read_dir(JSContext* ctx, const char* path, JSValueConst jpath, bool with_types) {
  struct dirent** entries;
  int count = scandir(path, &entries, not_dots, with_types ? by_name : NULL);
  if (count < 0) return throw_errno(ctx, with_types ? "scandir" : "readdir", jpath);
  JSValue list = JS_NewArray(ctx);
  for (int i = 0; i < count; i++) {
    const struct dirent* e = entries[i];
    JSValue item = JS_IsException(list) ? JS_UNDEFINED
                   : with_types ? dir_entry(ctx, e)
                                : qjs_new_bytes_string(ctx, e->d_name, strlen(e->d_name));
    if (!JS_IsException(list) &&
        (JS_IsException(item) || JS_SetPropertyUint32(ctx, list, (uint32_t)i, item) < 0)) {
      JS_FreeValue(ctx, list);
      list = JS_EXCEPTION;
    }
    free(entries[i]);
  }
  free(entries);
  return list;
}

static JSValue path_op(JSContext* ctx, JSValueConst this_val, int argc,
                       JSValueConst* argv, int op) {
  (void)this_val;
  char* path = qjs_to_bytes_string(ctx, argv[0], NULL);
  if (!path) return JS_EXCEPTION;
  int a = 0, b = 0;
  JSValue ret = JS_UNDEFINED;
  int rc = 0;
  struct stat st;
  char buf[PATH_MAX];
  if (arg_int(ctx, argc, argv, 1, op == OP_MKDIR ? 0777 : op == OP_OPEN ? O_RDONLY : -1, &a) ||
      arg_int(ctx, argc, argv, 2, op == OP_OPEN ? 0666 : -1, &b)) {
    free(path);
    return JS_EXCEPTION;
  }
  switch (op) {
    case OP_STAT: rc = stat(path, &st); break;
    case OP_LSTAT: rc = lstat(path, &st); break;
    case OP_UNLINK: rc = unlink(path); break;
    case OP_RMDIR: rc = rmdir(path); break;
    case OP_MKDIR: rc = mkdir(path, (mode_t)a); break;
    case OP_MKFIFO: rc = mkfifo(path, (mode_t)(a < 0 ? 0666 : a)); break;
    case OP_CHMOD: rc = chmod(path, (mode_t)a); break;
    case OP_CHOWN: rc = chown(path, (uid_t)a, (gid_t)b); break;
    case OP_LCHOWN: rc = lchown(path, (uid_t)a, (gid_t)b); break;
    case OP_OPEN:
      rc = open(path, a | O_CLOEXEC, (mode_t)b);
      if (rc >= 0) ret = JS_NewInt32(ctx, rc);
      break;
    case OP_READLINK: {
      ssize_t n = readlink(path, buf, sizeof buf);
      rc = n < 0 ? -1 : 0;
      if (n >= 0) ret = qjs_new_bytes_string(ctx, buf, (size_t)n);
      break;
    }
    case OP_REALPATH:
      rc = realpath(path, buf) ? 0 : -1;
      if (!rc) ret = qjs_new_bytes_string(ctx, buf, strlen(buf));
      break;
    case OP_READDIR:
    case OP_SCANDIR:
      ret = read_dir(ctx, path, argv[0], op == OP_SCANDIR);
      break;
  }
  free(path);
  if (rc < 0) return throw_errno(ctx, path_op_names[op], argv[0]);
  if (op == OP_STAT || op == OP_LSTAT) ret = stat_object(ctx, &st);
  return ret;
}

/* Calls taking two paths. */
enum { OP2_LINK, OP2_SYMLINK, OP2_RENAME };
static const char* const path2_op_names[] = {"link", "symlink", "rename"};

static JSValue path2_op(JSContext* ctx, JSValueConst this_val, int argc,
                        JSValueConst* argv, int op) {
  (void)this_val;
  (void)argc;
  char* from = qjs_to_bytes_string(ctx, argv[0], NULL);
  if (!from) return JS_EXCEPTION;
  char* to = qjs_to_bytes_string(ctx, argv[1], NULL);
  if (!to) return free(from), JS_EXCEPTION;
  int rc = op == OP2_LINK      ? link(from, to)
           : op == OP2_SYMLINK ? symlink(from, to)
                               : rename(from, to);
  free(from);
  free(to);
  return rc < 0 ? throw_errno(ctx, path2_op_names[op], argv[1]) : JS_UNDEFINED;
}

/* utimes(path, atime, mtime) / lutimes / futimes(fd, ...), in seconds. */
enum { UT_PATH, UT_LINK, UT_FD };
static JSValue set_times(JSContext* ctx, JSValueConst this_val, int argc,
                         JSValueConst* argv, int kind) {
  (void)this_val;
  (void)argc;
  double at, mt;
  if (JS_ToFloat64(ctx, &at, argv[1]) || JS_ToFloat64(ctx, &mt, argv[2]))
    return JS_EXCEPTION;
  struct timespec ts[2] = {
      {(time_t)at, (long)((at - (double)(time_t)at) * 1e9)},
      {(time_t)mt, (long)((mt - (double)(time_t)mt) * 1e9)},
  };
  int rc;
  if (kind == UT_FD) {
    int fd;
    if (JS_ToInt32(ctx, &fd, argv[0])) return JS_EXCEPTION;
    rc = futimens(fd, ts);
  } else {
    char* path = qjs_to_bytes_string(ctx, argv[0], NULL);
    if (!path) return JS_EXCEPTION;
    rc = utimensat(AT_FDCWD, path, ts, kind == UT_LINK ? AT_SYMLINK_NOFOLLOW : 0);
    free(path);
  }
  static const char* const names[] = {"utimes", "lutimes", "futimes"};
  return rc < 0 ? throw_errno(ctx, names[kind], kind == UT_FD ? JS_UNDEFINED : argv[0])
                : JS_UNDEFINED;
}

/* Calls on a descriptor: close, fsync, fstat, fchmod, fchown, ftruncate, lseek. */
enum { FD_CLOSE, FD_FSYNC, FD_FSTAT, FD_FCHMOD, FD_FCHOWN, FD_FTRUNCATE, FD_LSEEK };
static const char* const fd_op_names[] = {"close", "fsync", "fstat", "fchmod",
                                          "fchown", "ftruncate", "lseek"};

static JSValue fd_op(JSContext* ctx, JSValueConst this_val, int argc,
                     JSValueConst* argv, int op) {
  (void)this_val;
  int fd, a = 0, b = 0;
  int64_t off = 0;
  if (JS_ToInt32(ctx, &fd, argv[0])) return JS_EXCEPTION;
  if (op == FD_FTRUNCATE || op == FD_LSEEK) {
    if (argc > 1 && JS_ToInt64(ctx, &off, argv[1])) return JS_EXCEPTION;
    if (arg_int(ctx, argc, argv, 2, SEEK_SET, &b)) return JS_EXCEPTION;
  } else if (arg_int(ctx, argc, argv, 1, 0, &a) || arg_int(ctx, argc, argv, 2, -1, &b)) {
    return JS_EXCEPTION;
  }
  struct stat st;
  off_t pos = 0;
  int rc;
  switch (op) {
    case FD_CLOSE: rc = close(fd); break;
    case FD_FSYNC: rc = fsync(fd); break;
    case FD_FSTAT: rc = fstat(fd, &st); break;
    case FD_FCHMOD: rc = fchmod(fd, (mode_t)a); break;
    case FD_FCHOWN: rc = fchown(fd, (uid_t)a, (gid_t)b); break;
    case FD_FTRUNCATE: rc = ftruncate(fd, (off_t)off); break;
    default: pos = lseek(fd, (off_t)off, b); rc = pos < 0 ? -1 : 0; break;
  }
  if (rc < 0) return throw_errno(ctx, fd_op_names[op], JS_UNDEFINED);
  if (op == FD_FSTAT) return stat_object(ctx, &st);
  if (op == FD_LSEEK) return JS_NewInt64(ctx, pos);
  return JS_UNDEFINED;
}

/* Waits until fd can be read or written, giving up when the job is
 * canceled or the call's time is up: a read from a pipe that never gets
 * data must not keep a canceled job alive. */
static int wait_ready(JSContext* ctx, int fd, short events) {
  QjsHost* host = qjs_host_from(ctx);
  struct pollfd p = {.fd = fd, .events = events};
  for (;;) {
    int r = poll(&p, 1, 100);
    if (r != 0) return 0; /* ready, or an error read()/write() will report */
    if (host && qjs_host_should_stop(host)) {
      errno = ECANCELED;
      return -1;
    }
  }
}

/* Asks first for what can be read without waiting (RWF_NOWAIT): data in
 * the page cache or already in a pipe comes in one system call, and only a
 * descriptor with nothing to read yet pays for the cancelable wait.
 * Kernels or file systems without RWF_NOWAIT take the wait every time. */
static ssize_t read_cancelable(JSContext* ctx, int fd, void* data, size_t len) {
  struct iovec v = {.iov_base = data, .iov_len = len};
  ssize_t n;
  do n = preadv2(fd, &v, 1, -1, RWF_NOWAIT);
  while (n < 0 && errno == EINTR);
  if (n >= 0 || (errno != EAGAIN && errno != EOPNOTSUPP)) return n;
  if (wait_ready(ctx, fd, POLLIN) < 0) return -1;
  do n = read(fd, data, len);
  while (n < 0 && errno == EINTR);
  return n;
}

/* A write to a pipe whose reader is gone must be an EPIPE error for the
 * script, not a SIGPIPE that ends the daemon: SIGPIPE is blocked for this
 * thread during the write and a pending one is consumed. */
static ssize_t write_without_sigpipe(int fd, const void* data, size_t len) {
  sigset_t pipe_set, old_set;
  sigemptyset(&pipe_set);
  sigaddset(&pipe_set, SIGPIPE);
  sigset_t pending;
  sigpending(&pending);
  bool already_pending = sigismember(&pending, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_set, &old_set);
  ssize_t n;
  do n = write(fd, data, len);
  while (n < 0 && errno == EINTR);
  int saved = errno;
  if (n < 0 && saved == EPIPE && !already_pending) {
    const struct timespec no_wait = {0, 0};
    while (sigtimedwait(&pipe_set, NULL, &no_wait) < 0 && errno == EINTR) {}
  }
  pthread_sigmask(SIG_SETMASK, &old_set, NULL);
  errno = saved;
  return n;
}

/* pipe() -> [read_end, write_end], close-on-exec: a program another part
 * of the daemon starts must not inherit them (a writer would never see the
 * end of its input).  Children that should get one are given it through
 * os.exec's stdin/stdout/stderr, which dup2() clears the flag for. */
static JSValue make_pipe(JSContext* ctx, JSValueConst this_val, int argc, JSValueConst* argv) {
  (void)this_val, (void)argc, (void)argv;
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) < 0) return throw_errno(ctx, "pipe", JS_UNDEFINED);
  JSValue pair = JS_NewArray(ctx);
  JS_SetPropertyUint32(ctx, pair, 0, JS_NewInt32(ctx, fds[0]));
  JS_SetPropertyUint32(ctx, pair, 1, JS_NewInt32(ctx, fds[1]));
  return pair;
}

/* read(fd, bytes[, offset[, length]]) / write(...) on a Uint8Array or an
 * ArrayBuffer; returns the byte count.  Reading straight into the view the
 * daemon hands over in IO_READ is the zero-copy path. */
static JSValue rw_op(JSContext* ctx, JSValueConst this_val, int argc,
                     JSValueConst* argv, int is_write) {
  (void)this_val;
  int fd;
  if (JS_ToInt32(ctx, &fd, argv[0])) return JS_EXCEPTION;
  size_t size;
  uint8_t* data = JS_GetUint8Array(ctx, &size, argv[1]);
  if (!data) {
    JS_FreeValue(ctx, JS_GetException(ctx));
    data = JS_GetArrayBuffer(ctx, &size, argv[1]);
    if (!data) return JS_ThrowTypeError(ctx, "expected a Uint8Array or an ArrayBuffer");
  }
  int64_t off = 0, len = (int64_t)size;
  if (argc > 2 && !JS_IsUndefined(argv[2]) && JS_ToInt64(ctx, &off, argv[2]))
    return JS_EXCEPTION;
  if (argc > 3 && !JS_IsUndefined(argv[3]) && JS_ToInt64(ctx, &len, argv[3]))
    return JS_EXCEPTION;
  else if (argc <= 3 || JS_IsUndefined(argv[3]))
    len = (int64_t)size - off;
  if (off < 0 || len < 0 || (uint64_t)off + (uint64_t)len > size)
    return JS_ThrowRangeError(ctx, "offset/length outside the buffer");
  ssize_t n;
  if (is_write) {
    n = wait_ready(ctx, fd, POLLOUT) < 0 ? -1 : write_without_sigpipe(fd, data + off, (size_t)len);
  } else {
    n = read_cancelable(ctx, fd, data + off, (size_t)len);
  }
  if (n < 0) return throw_errno(ctx, is_write ? "write" : "read", JS_UNDEFINED);
  return JS_NewInt64(ctx, n);
}

static const JSCFunctionListEntry bareos_os_funcs[] = {
    JS_CFUNC_MAGIC_DEF("stat", 1, path_op, OP_STAT),
    JS_CFUNC_MAGIC_DEF("lstat", 1, path_op, OP_LSTAT),
    JS_CFUNC_MAGIC_DEF("unlink", 1, path_op, OP_UNLINK),
    JS_CFUNC_MAGIC_DEF("rmdir", 1, path_op, OP_RMDIR),
    JS_CFUNC_MAGIC_DEF("mkdir", 2, path_op, OP_MKDIR),
    JS_CFUNC_MAGIC_DEF("mkfifo", 2, path_op, OP_MKFIFO),
    JS_CFUNC_MAGIC_DEF("chmod", 2, path_op, OP_CHMOD),
    JS_CFUNC_MAGIC_DEF("chown", 3, path_op, OP_CHOWN),
    JS_CFUNC_MAGIC_DEF("lchown", 3, path_op, OP_LCHOWN),
    JS_CFUNC_MAGIC_DEF("open", 3, path_op, OP_OPEN),
    JS_CFUNC_MAGIC_DEF("readlink", 1, path_op, OP_READLINK),
    JS_CFUNC_MAGIC_DEF("realpath", 1, path_op, OP_REALPATH),
    JS_CFUNC_MAGIC_DEF("readdir", 1, path_op, OP_READDIR),
    JS_CFUNC_MAGIC_DEF("scandir", 1, path_op, OP_SCANDIR),
    JS_CFUNC_MAGIC_DEF("link", 2, path2_op, OP2_LINK),
    JS_CFUNC_MAGIC_DEF("symlink", 2, path2_op, OP2_SYMLINK),
    JS_CFUNC_MAGIC_DEF("rename", 2, path2_op, OP2_RENAME),
    JS_CFUNC_MAGIC_DEF("utimes", 3, set_times, UT_PATH),
    JS_CFUNC_MAGIC_DEF("lutimes", 3, set_times, UT_LINK),
    JS_CFUNC_MAGIC_DEF("futimes", 3, set_times, UT_FD),
    JS_CFUNC_MAGIC_DEF("close", 1, fd_op, FD_CLOSE),
    JS_CFUNC_MAGIC_DEF("fsync", 1, fd_op, FD_FSYNC),
    JS_CFUNC_MAGIC_DEF("fstat", 1, fd_op, FD_FSTAT),
    JS_CFUNC_MAGIC_DEF("fchmod", 2, fd_op, FD_FCHMOD),
    JS_CFUNC_MAGIC_DEF("fchown", 3, fd_op, FD_FCHOWN),
    JS_CFUNC_MAGIC_DEF("ftruncate", 2, fd_op, FD_FTRUNCATE),
    JS_CFUNC_MAGIC_DEF("lseek", 3, fd_op, FD_LSEEK),
    JS_CFUNC_DEF("pipe", 0, make_pipe),
    JS_CFUNC_MAGIC_DEF("read", 4, rw_op, 0),
    JS_CFUNC_MAGIC_DEF("write", 4, rw_op, 1),
    INT_CONST(O_RDONLY), INT_CONST(O_WRONLY), INT_CONST(O_RDWR),
    INT_CONST(O_CREAT), INT_CONST(O_EXCL), INT_CONST(O_TRUNC),
    INT_CONST(O_APPEND), INT_CONST(O_NOFOLLOW), INT_CONST(O_NOATIME),
    INT_CONST(O_DIRECTORY), INT_CONST(O_NONBLOCK),
    INT_CONST(S_IFMT), INT_CONST(S_IFREG), INT_CONST(S_IFDIR),
    INT_CONST(S_IFLNK), INT_CONST(S_IFIFO), INT_CONST(S_IFCHR),
    INT_CONST(S_IFBLK), INT_CONST(S_IFSOCK),
    INT_CONST(SEEK_SET), INT_CONST(SEEK_CUR), INT_CONST(SEEK_END),
};

static const struct {
  const JSCFunctionListEntry* funcs;
  const size_t* count;
} bareos_os_lists[] = {
    {bareos_os_funcs, &(const size_t){countof(bareos_os_funcs)}},
    {errno_consts, &(const size_t){countof(errno_consts)}},
    {qjs_os_data_funcs, &qjs_os_data_count},
    {qjs_os_process_funcs, &qjs_os_process_count},
};

static int bareos_os_init(JSContext* ctx, JSModuleDef* m) {
  for (size_t i = 0; i < countof(bareos_os_lists); i++)
    if (JS_SetModuleExportList(ctx, m, bareos_os_lists[i].funcs, (int)*bareos_os_lists[i].count)) return -1;
  return 0;
}

JSModuleDef* qjs_init_bareos_os(JSContext* ctx, const char* name) {
  JSModuleDef* m = JS_NewCModule(ctx, name, bareos_os_init);
  for (size_t i = 0; m && i < countof(bareos_os_lists); i++)
    if (JS_AddModuleExportList(ctx, m, bareos_os_lists[i].funcs, (int)*bareos_os_lists[i].count)) return NULL;
  return m;
}
