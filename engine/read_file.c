#include "read_file.h"

#include <errno.h>
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
  size_t size = (size_t)st.st_size;
  buf = js_malloc(ctx, size + 1);
  if (!buf) {
    errno = ENOMEM;
    goto done;
  }
  size_t got = 0;
  while (got < size) {
    ssize_t n = read(fd, buf + got, size - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      js_free(ctx, buf);
      buf = NULL;
      errno = err;
      goto done;
    }
    if (n == 0) break; /* the file shrank */
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
