/* The `native` job: the daemon backs up --native paths itself (lstat, open,
 * reads of the core's buffer size, close), with no plugin, writing the same
 * archive records a plugin backup writes.  It is the baseline the
 * benchmarks compare plugins with. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "archive.h"
#include "sim.h"

static void save_data(sim_job* j, arc_writer* w, uint32_t fi, const char* path, int64_t* bytes) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) {
    job_msg(j, M_ERROR, "Cannot open %s: ERR=%s", path, strerror(errno));
    return;
  }
  ssize_t n;
  while ((n = read(fd, j->buf, SIM_IO_BUF)) > 0) {
    arc_put(w, ST_DATA, fi, j->buf, (size_t)n);
    *bytes += n;
  }
  if (n < 0) job_msg(j, M_ERROR, "Read error on file %s. ERR=%s", path, strerror(errno));
  close(fd);
}

/* Children before their directory, as FT_DIREND goes after the contents. */
static void walk(sim_job* j, arc_writer* w, const char* path) {
  struct stat st;
  if (lstat(path, &st) != 0) {
    job_msg(j, M_ERROR, "Cannot stat %s: ERR=%s", path, strerror(errno));
    return;
  }
  if (S_ISDIR(st.st_mode)) {
    DIR* d = opendir(path);
    struct dirent* e;
    while (d && (e = readdir(d))) {
      if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
      char* child = xasprintf("%s/%s", path, e->d_name);
      walk(j, w, child);
      free(child);
    }
    if (d) closedir(d);
  }
  arc_attr a = {.st = st, .link = ""};
  a.type = S_ISDIR(st.st_mode) ? FT_DIREND : S_ISREG(st.st_mode) ? FT_REG : FT_SPEC;
  a.no_read = !S_ISREG(st.st_mode);
  a.fname = S_ISDIR(st.st_mode) ? xasprintf("%s/", path) : xstrdup(path);
  uint32_t fi = (uint32_t)++j->nfiles;
  arc_put_attr(w, fi, &a);
  int64_t bytes = 0;
  if (!a.no_read) {
    uint64_t start = now_ns();
    save_data(j, w, fi, path, &bytes);
    j->data_ns += now_ns() - start;
  }
  j->bytes += bytes;
  free(a.fname);
}

void native_run(sim_job* j) {
  arc_writer w;
  arc_job hdr = {j->jobid, j->level, j->since, time(NULL), j->name};
  if (!arc_create(&w, j->archive, &hdr)) {
    job_msg(j, M_FATAL, "Cannot create archive %s: ERR=%s", j->archive, strerror(errno));
    return;
  }
  for (size_t i = 0; i < j->o->native.n; i++) walk(j, &w, j->o->native.v[i]);
  if (!arc_finish(&w)) job_msg(j, M_FATAL, "Cannot write archive %s", j->archive);
}
