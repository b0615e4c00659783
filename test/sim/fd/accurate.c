/* Accurate list and checkChanges.  The list is the union of the files of the
 * given previous archives, later archives winning, so a chain Full + Incr
 * gives what the director would send as the accurate list. */
#include "accurate.h"

#include <stdlib.h>
#include <string.h>

typedef struct accurate {
  pthread_mutex_t lock; /* plugins may mark files seen from any thread */
  vec entries;          /* acc_entry*, in load order */
  size_t* buckets;      /* index + 1 into entries; 0 = empty */
  size_t nbuckets;
} accurate;

static uint64_t hash(const char* s) {
  uint64_t h = 1469598103934665603u;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211u;
  return h;
}

/* Open addressing: the slot holding name, or the empty slot where it goes. */
static size_t* slot(accurate* a, const char* name) {
  size_t mask = a->nbuckets - 1;
  for (size_t i = hash(name) & mask;; i = (i + 1) & mask) {
    size_t* b = &a->buckets[i];
    if (!*b || strcmp(VEC(a->entries, acc_entry*)[*b - 1]->name, name) == 0) return b;
  }
}

static void grow(accurate* a) {
  free(a->buckets);
  a->nbuckets = a->nbuckets ? a->nbuckets * 2 : 64;
  a->buckets = xcalloc(a->nbuckets, sizeof *a->buckets);
  for (size_t i = 0; i < a->entries.n; i++)
    *slot(a, VEC(a->entries, acc_entry*)[i]->name) = i + 1;
}

static acc_entry* find(accurate* a, const char* name) {
  size_t* b = slot(a, name);
  acc_entry* e = *b ? VEC(a->entries, acc_entry*)[*b - 1] : NULL;
  return e && !e->removed ? e : NULL;
}

static void put(accurate* a, const arc_attr* at) {
  if (2 * (a->entries.n + 1) > a->nbuckets) grow(a);
  size_t* b = slot(a, at->fname);
  acc_entry* e;
  if (*b) {
    e = VEC(a->entries, acc_entry*)[*b - 1];
  } else {
    e = xcalloc(1, sizeof *e);
    e->name = xstrdup(at->fname);
    *(acc_entry**)vec_push(&a->entries, sizeof e) = e;
    *b = a->entries.n;
  }
  e->type = at->type;
  e->delta_seq = at->delta_seq;
  e->st = at->st;
  e->removed = at->type == FT_DELETED;
}

void acc_free(accurate* a) {
  if (!a) return;
  for (size_t i = 0; i < a->entries.n; i++) {
    free(VEC(a->entries, acc_entry*)[i]->name);
    free(VEC(a->entries, acc_entry*)[i]);
  }
  free(a->entries.v);
  free(a->buckets);
  pthread_mutex_destroy(&a->lock);
  free(a);
}

bool acc_mark(accurate* a, const char* name, bool seen) {
  if (!a) return false;
  pthread_mutex_lock(&a->lock);
  acc_entry* e = find(a, name);
  if (e) e->seen = seen;
  pthread_mutex_unlock(&a->lock);
  return e != NULL;
}

void acc_mark_all(accurate* a, bool seen) {
  if (!a) return;
  pthread_mutex_lock(&a->lock);
  for (size_t i = 0; i < a->entries.n; i++) VEC(a->entries, acc_entry*)[i]->seen = seen;
  pthread_mutex_unlock(&a->lock);
}

void acc_unseen(accurate* a, strlist* out) {
  if (!a) return;
  pthread_mutex_lock(&a->lock);
  for (size_t i = 0; i < a->entries.n; i++) {
    acc_entry* e = VEC(a->entries, acc_entry*)[i];
    if (!e->removed && !e->seen) strlist_add(out, xstrdup(e->name));
  }
  pthread_mutex_unlock(&a->lock);
}

/* FT_NOSTAT entries carry no usable stat, so they always count as changed. */
static bool differs(const acc_entry* e, const struct stat* st) {
  return e->type == FT_NOSTAT || e->st.st_mode != st->st_mode ||
         e->st.st_size != st->st_size || e->st.st_mtim.tv_sec != st->st_mtim.tv_sec ||
         e->st.st_ctim.tv_sec != st->st_ctim.tv_sec;
}

bRC acc_check_changes(sim_job* j, bool check, struct save_pkt* sp) {
  if (!sp) return bRC_Error;
  const char* name = sp->type == FT_DIREND && sp->link ? sp->link : sp->fname;
  if (!name) return bRC_Error;
  if (!check) return bRC_OK;
  accurate* a = j->acc;
  if (a) {
    pthread_mutex_lock(&a->lock);
    acc_entry* e = find(a, name);
    bool changed = e && differs(e, &sp->statp);
    sp->accurate_found = e != NULL;
    sp->delta_seq = e ? e->delta_seq : 0;
    if (e) e->seen = true;
    pthread_mutex_unlock(&a->lock);
    /* As the FD's accurate check: a file the list does not know is new. */
    return !e || changed ? bRC_OK : bRC_Seen;
  }
  sp->accurate_found = false;
  sp->delta_seq = 0;
  time_t since = sp->save_time ? sp->save_time : j->since;
  bool changed = sp->statp.st_mtim.tv_sec >= since || sp->statp.st_ctim.tv_sec >= since;
  return changed ? bRC_OK : bRC_Seen;
}

static void load_one(sim_job* j, const char* path, bool accurate_list, int64_t* newest) {
  arc_reader r;
  arc_job hdr;
  arc_rec rec;
  int got = 0;
  if (arc_open(&r, path, &hdr)) {
    while ((got = arc_next(&r, &rec)) == 1) {
      arc_attr at;
      arc_robj o;
      if (rec.stream == ST_ATTR && accurate_list) {
        if (!arc_get_attr(&rec, &at)) break;
        put(j->acc, &at);
        arc_attr_free(&at);
      } else if (rec.stream == ST_RESTORE_OBJECT) {
        if (!arc_get_robj(&rec, &o)) break;
        *(arc_robj*)vec_push(&j->robjs, sizeof o) = o;
      }
    }
  }
  if (got != 0 || r.error) {
    job_msg(j, M_FATAL, "Cannot read previous archive %s: %s", path,
            r.error ? r.error : "damaged record");
  } else if (hdr.start >= *newest) {
    *newest = hdr.start;
    free(j->prev_job);
    j->prev_job = xstrdup(hdr.name ? hdr.name : "");
  }
  arc_job_free(&hdr);
  arc_close(&r);
}

void prev_load(sim_job* j) {
  int64_t newest = INT64_MIN;
  if (j->acc_archives.n) {
    j->acc = xcalloc(1, sizeof *j->acc);
    pthread_mutex_init(&j->acc->lock, NULL);
    grow(j->acc);
    j->accurate = true;
  }
  for (size_t i = 0; i < j->acc_archives.n; i++)
    load_one(j, j->acc_archives.v[i], true, &newest);
  for (size_t i = 0; i < j->prev_archives.n; i++)
    load_one(j, j->prev_archives.v[i], false, &newest);
  /* Like the director, an Incremental/Differential without an explicit
   * since starts where the newest previous job started. */
  if (!j->o->since_set && j->level != 'F' && newest != INT64_MIN) j->since = (time_t)newest;
}
