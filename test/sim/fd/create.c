/* What the FD itself does for a plugin file when the plugin answers CF_CORE:
 * honour the replace policy, make parent directories, create the entry, and
 * later apply owner, mode and times.  Regular files are still opened through
 * pluginIO because the FD's file handle is marked as a plugin handle. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "restore.h"

static bool is_dir(int type) {
  return type == FT_DIREND || type == FT_DIRBEGIN || type == FT_DIRNOCHG;
}

static bool replace_ok(int replace, const struct stat* saved, const struct stat* cur) {
  switch (replace) {
    case 'n': return false;
    case 'w': return saved->st_mtim.tv_sec > cur->st_mtim.tv_sec;
    case 'o': return saved->st_mtim.tv_sec < cur->st_mtim.tv_sec;
    default: return true;
  }
}

static bool make_parents(sim_job* j, const char* name) {
  char* p = xstrdup(name);
  bool ok = true;
  for (char* s = strchr(p + 1, '/'); s && ok; s = strchr(s + 1, '/')) {
    *s = '\0';
    if (mkdir(p, 0777) != 0 && errno != EEXIST) {
      job_msg(j, M_ERROR, "Could not make path %s: ERR=%s", p, strerror(errno));
      ok = false;
    }
    *s = '/';
  }
  free(p);
  return ok;
}

/* 0 created, -1 failed (errno), 1 a regular file still to be opened. */
static int make_entry(rstate* s) {
  const rfile* f = &s->f;
  const struct stat* st = &f->a.st;
  switch (f->a.type) {
    case FT_DIREND:
    case FT_DIRBEGIN:
    case FT_DIRNOCHG:
      return mkdir(f->ofname, (st->st_mode & 07777) | S_IRWXU) != 0 && errno != EEXIST ? -1 : 0;
    case FT_LNK: return symlink(f->olname, f->ofname);
    case FT_LNKSAVED: return link(f->olname, f->ofname);
    case FT_FIFO: return mkfifo(f->ofname, st->st_mode & 07777);
    case FT_SPEC: return mknod(f->ofname, st->st_mode, st->st_rdev);
    default: return 1;
  }
}

int core_create(rstate* s) {
  const rfile* f = &s->f;
  sim_job* j = s->j;
  struct stat cur;
  bool exists = lstat(f->ofname, &cur) == 0;
  if (exists && !is_dir(f->a.type)) {
    if (!replace_ok(j->o->replace, &f->a.st, &cur)) {
      job_msg(j, M_SKIPPED, "File skipped. Already exists: %s", f->ofname);
      return CF_SKIP;
    }
    if (!S_ISDIR(cur.st_mode) && unlink(f->ofname) != 0) {
      job_msg(j, M_ERROR, "Could not remove %s: ERR=%s", f->ofname, strerror(errno));
      return CF_ERROR;
    }
  }
  if (!make_parents(j, f->ofname)) return CF_ERROR;
  int made = make_entry(s);
  if (made > 0) return open_output(s) ? CF_EXTRACT : CF_ERROR;
  if (made < 0) {
    job_msg(j, M_ERROR, "Could not create %s: ERR=%s", f->ofname, strerror(errno));
    return CF_ERROR;
  }
  return CF_CREATED;
}

void core_set_attrs(rstate* s) {
  const rfile* f = &s->f;
  const struct stat* st = &f->a.st;
  sim_job* j = s->j;
  if (geteuid() == 0 && lchown(f->ofname, st->st_uid, st->st_gid) != 0)
    job_msg(j, M_ERROR, "Unable to set file owner %s: ERR=%s", f->ofname, strerror(errno));
  if (f->a.type != FT_LNK && chmod(f->ofname, st->st_mode & 07777) != 0)
    job_msg(j, M_ERROR, "Unable to set file modes %s: ERR=%s", f->ofname, strerror(errno));
  const struct timespec times[2] = {st->st_atim, st->st_mtim};
  if (utimensat(AT_FDCWD, f->ofname, times, AT_SYMLINK_NOFOLLOW) != 0)
    job_msg(j, M_ERROR, "Unable to set file times %s: ERR=%s", f->ofname, strerror(errno));
}
