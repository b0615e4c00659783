/* Every call from the core into a plugin goes through here, so that --trace
 * sees them all in order and a missing entry point becomes a job error
 * instead of a crash. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sim.h"

void trace_add(sim_job* j, sim_ctx* c, bool coalesce, const char* fmt, ...) {
  if (!j->o->trace) return;
  va_list ap;
  va_start(ap, fmt);
  char* what = xvasprintf(fmt, ap);
  va_end(ap);
  /* With several plugins loaded the entry has to say whose call it was. */
  char* line = c && j->env->nplugins > 1 ? xasprintf("%s: %s", c->plugin->loaded.name, what) : what;
  if (line != what) free(what);
  pthread_mutex_lock(&j->lock);
  if (coalesce && j->trace.n && strcmp(j->trace.v[j->trace.n - 1], line) == 0)
    free(line);
  else
    strlist_add(&j->trace, line);
  pthread_mutex_unlock(&j->lock);
}

static PluginFunctions* fn(sim_ctx* c) { return c->plugin->fn; }

/* For make bench: the time a job spends in newPlugin, events and freePlugin,
 * and from its first newPlugin to the return of its first startBackupFile. */
static void account(sim_ctx* c, uint64_t start) {
  sim_job* j = c->job;
  atomic_fetch_add(&j->plugin_ns, now_ns() - start);
}

static bRC traced(sim_ctx* c, const char* what, bRC rc) {
  trace_add(c->job, c, false, "%s -> %d", what, (int)rc);
  return rc;
}

static bool have(sim_ctx* c, bool present, const char* what) {
  if (!present)
    job_msg(c->job, M_FATAL, "Plugin %s has no %s entry point", c->plugin->loaded.name, what);
  return present;
}

bRC call_new(sim_ctx* c) {
  if (!have(c, fn(c)->newPlugin, "newPlugin")) return bRC_Error;
  uint64_t start = now_ns();
  uint64_t unset = 0;
  atomic_compare_exchange_strong(&c->job->first_call_ns, &unset, start);
  bRC rc = fn(c)->newPlugin(&c->pc);
  account(c, start);
  if (rc == bRC_OK)
    trace_add(c->job, c, false, "newPlugin");
  else
    traced(c, "newPlugin", rc);
  return rc;
}

void call_free(sim_ctx* c) {
  if (!fn(c)->freePlugin) return;
  uint64_t start = now_ns();
  fn(c)->freePlugin(&c->pc);
  account(c, start);
  trace_add(c->job, c, false, "freePlugin");
}

bRC call_event(sim_ctx* c, int ev, void* value) {
  if (!have(c, fn(c)->handlePluginEvent, "handlePluginEvent")) return bRC_Error;
  bEvent event = {(uint32_t)ev};
  uint64_t start = now_ns();
  bRC rc = fn(c)->handlePluginEvent(&c->pc, &event, value);
  account(c, start);
  trace_add(c->job, c, false, "handlePluginEvent %d -> %d", ev, (int)rc);
  return rc;
}

bRC call_start_backup(sim_ctx* c, struct save_pkt* sp) {
  if (!have(c, fn(c)->startBackupFile, "startBackupFile")) return bRC_Error;
  cancel_before_call(c->job);
  bRC rc = traced(c, "startBackupFile", fn(c)->startBackupFile(&c->pc, sp));
  uint64_t unset = 0;
  atomic_compare_exchange_strong(&c->job->first_file_ns, &unset,
                                 now_ns() - atomic_load(&c->job->first_call_ns));
  cancel_after_call(c->job);
  return rc;
}

bRC call_end_backup(sim_ctx* c) {
  if (!have(c, fn(c)->endBackupFile, "endBackupFile")) return bRC_Error;
  return traced(c, "endBackupFile", fn(c)->endBackupFile(&c->pc));
}

struct io_pkt io_pkt_new(int func) {
  return (struct io_pkt){.pkt_size = sizeof(struct io_pkt), .func = func,
                         .pkt_end = sizeof(struct io_pkt)};
}

static const char* const io_names[] = {"pluginIO IO_?",     "pluginIO IO_OPEN",
                                       "pluginIO IO_READ",  "pluginIO IO_WRITE",
                                       "pluginIO IO_CLOSE", "pluginIO IO_SEEK"};

bRC call_io(sim_ctx* c, struct io_pkt* io) {
  if (!have(c, fn(c)->pluginIO, "pluginIO")) return bRC_Error;
  bool data = io->func == IO_READ || io->func == IO_WRITE;
  const char* name = io_names[io->func >= IO_OPEN && io->func <= IO_SEEK ? io->func : 0];
  if (!data) return traced(c, name, fn(c)->pluginIO(&c->pc, io));
  cancel_before_call(c->job);
  bRC rc = fn(c)->pluginIO(&c->pc, io);
  trace_add(c->job, c, true, "%s", name);
  cancel_after_call(c->job);
  return rc;
}

bRC call_start_restore(sim_ctx* c, const char* cmd) {
  if (!have(c, fn(c)->startRestoreFile, "startRestoreFile")) return bRC_Error;
  return traced(c, "startRestoreFile", fn(c)->startRestoreFile(&c->pc, cmd));
}

bRC call_end_restore(sim_ctx* c) {
  if (!have(c, fn(c)->endRestoreFile, "endRestoreFile")) return bRC_Error;
  return traced(c, "endRestoreFile", fn(c)->endRestoreFile(&c->pc));
}

bRC call_create(sim_ctx* c, struct restore_pkt* rp) {
  if (!have(c, fn(c)->createFile, "createFile")) return bRC_Error;
  return traced(c, "createFile", fn(c)->createFile(&c->pc, rp));
}

bRC call_set_attrs(sim_ctx* c, struct restore_pkt* rp) {
  if (!have(c, fn(c)->setFileAttributes, "setFileAttributes")) return bRC_Error;
  return traced(c, "setFileAttributes", fn(c)->setFileAttributes(&c->pc, rp));
}

/* The optional entry points: callers decide what a missing one means. */
bRC call_check_file(sim_ctx* c, char* fname) {
  return fn(c)->checkFile ? traced(c, "checkFile", fn(c)->checkFile(&c->pc, fname)) : bRC_OK;
}

bRC call_get_acl(sim_ctx* c, struct acl_pkt* ap) {
  return fn(c)->getAcl ? traced(c, "getAcl", fn(c)->getAcl(&c->pc, ap)) : bRC_Error;
}

bRC call_set_acl(sim_ctx* c, struct acl_pkt* ap) {
  return fn(c)->setAcl ? traced(c, "setAcl", fn(c)->setAcl(&c->pc, ap)) : bRC_Error;
}

bRC call_get_xattr(sim_ctx* c, struct xattr_pkt* xp) {
  return fn(c)->getXattr ? traced(c, "getXattr", fn(c)->getXattr(&c->pc, xp)) : bRC_Error;
}

bRC call_set_xattr(sim_ctx* c, struct xattr_pkt* xp) {
  return fn(c)->setXattr ? traced(c, "setXattr", fn(c)->setXattr(&c->pc, xp)) : bRC_Error;
}
