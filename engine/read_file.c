#include "read_file.h"

#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

uint8_t* qjs_read_file(JSContext* ctx, size_t* len, const char* path, struct stat* status) {
  /* O_NONBLOCK: a FIFO in the file's place must not hang the job; it is
   * refused below like any other file that is not regular. */
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return NULL;
  struct stat st;
  uint8_t* buf = NULL;
  if (fstat(fd, &st) < 0) goto done;
  if (status) *status = st;
  if (!S_ISREG(st.st_mode)) {
    errno = EINVAL;
    goto done;
  }
  /* Read to the end, not to st_size: files of /proc say 0, and a file may
   * grow while it is read. */
  size_t capacity = (size_t)st.st_size + 1 < 4096 ? 4096 : (size_t)st.st_size + 1;
  buf = js_malloc(ctx, capacity);
  if (!buf) {
    errno = ENOMEM;
    goto done;
  }
  size_t got = 0;
  for (;;) {
    if (got + 1 == capacity) {
      uint8_t* bigger = capacity > SIZE_MAX / 2 ? NULL : js_realloc(ctx, buf, capacity * 2);
      if (!bigger) {
        js_free(ctx, buf);
        buf = NULL;
        errno = ENOMEM;
        goto done;
      }
      buf = bigger;
      capacity *= 2;
    }
    ssize_t n = read(fd, buf + got, capacity - 1 - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      js_free(ctx, buf);
      buf = NULL;
      errno = err;
      goto done;
    }
    if (n == 0) break;
    got += (size_t)n;
  }
  buf[got] = 0;
  *len = got;
done:
  if (fd >= 0) {
    int err = errno;
    close(fd);
    errno = err;
  }
  return buf;
}
