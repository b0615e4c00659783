/* --thread-hop: the real director calls one job's plugin entry points from
 * several threads of its pool.  Here every call of a job is handed to a pool
 * thread other than the one that made the job's previous call, and the job
 * thread waits for it.  The pool is shared by all jobs, so one thread also
 * serves different jobs in turn, as in the director. */
#include <stdlib.h>

#include "sim.h"

typedef struct hop_task {
  void (*fn)(void*);
  void* arg;
  bool done;
} hop_task;

typedef struct hop_worker {
  struct hop_pool* pool;
  pthread_t thread;
  hop_task* task; /* NULL while idle */
} hop_worker;

typedef struct hop_pool {
  pthread_mutex_t lock;
  pthread_cond_t changed; /* a task was handed over or finished */
  bool quit;
  size_t n, next;
  hop_worker* w;
} hop_pool;

static void* worker_main(void* arg) {
  hop_worker* w = arg;
  hop_pool* pool = w->pool;
  pthread_mutex_lock(&pool->lock);
  for (;;) {
    while (!w->task && !pool->quit) pthread_cond_wait(&pool->changed, &pool->lock);
    if (!w->task) break;
    hop_task* t = w->task;
    pthread_mutex_unlock(&pool->lock);
    t->fn(t->arg);
    pthread_mutex_lock(&pool->lock);
    t->done = true;
    w->task = NULL;
    pthread_cond_broadcast(&pool->changed);
  }
  pthread_mutex_unlock(&pool->lock);
  return NULL;
}

/* Give it two threads more than jobs that may call at once: then an idle
 * thread other than the job's previous one always exists.  NULL if the
 * threads cannot be started. */
hop_pool* hop_new(size_t threads) {
  hop_pool* pool = xcalloc(1, sizeof *pool);
  pthread_mutex_init(&pool->lock, NULL);
  pthread_cond_init(&pool->changed, NULL);
  pool->w = xcalloc(threads, sizeof *pool->w);
  for (size_t i = 0; i < threads; i++) {
    pool->w[i].pool = pool;
    if (pthread_create(&pool->w[i].thread, NULL, worker_main, &pool->w[i]) != 0) {
      hop_free(pool);
      return NULL;
    }
    pool->n++;
  }
  return pool;
}

static size_t pick(hop_pool* pool, int last) {
  for (size_t k = 0; k < pool->n; k++) {
    size_t i = (pool->next + k) % pool->n;
    if (!pool->w[i].task && (int)i != last) return i;
  }
  return pool->n;
}

void hop_run(hop_pool* pool, int* last, void (*fn)(void*), void* arg) {
  hop_task t = {fn, arg, false};
  pthread_mutex_lock(&pool->lock);
  size_t i;
  while ((i = pick(pool, *last)) == pool->n) pthread_cond_wait(&pool->changed, &pool->lock);
  pool->w[i].task = &t;
  pool->next = i + 1; /* round robin, so consecutive jobs' calls spread too */
  *last = (int)i;
  pthread_cond_broadcast(&pool->changed);
  while (!t.done) pthread_cond_wait(&pool->changed, &pool->lock);
  pthread_mutex_unlock(&pool->lock);
}

void hop_free(hop_pool* pool) {
  if (!pool) return;
  pthread_mutex_lock(&pool->lock);
  pool->quit = true;
  pthread_cond_broadcast(&pool->changed);
  pthread_mutex_unlock(&pool->lock);
  for (size_t i = 0; i < pool->n; i++) pthread_join(pool->w[i].thread, NULL);
  pthread_cond_destroy(&pool->changed);
  pthread_mutex_destroy(&pool->lock);
  free(pool->w);
  free(pool);
}
