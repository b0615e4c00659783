# The compiler flags, once: the top-level Makefile, each build variant
# (engine/variant.mk) and the fuzz build (test/fuzz/fuzz.mk) take them here.
CFLAGS_BASE := -std=c11 -D_GNU_SOURCE -O2 -g -fPIC -fvisibility=hidden
WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
# Every object's header dependencies, written by the compiler beside it
# (foo.o -> foo.d) and read back by the next make.
DEPFLAGS := -MMD -MP
# Hardened as Debian builds its packages: checked string and memory calls,
# and the relocations made read-only at load (relro, now).
HARDEN_CFLAGS := -D_FORTIFY_SOURCE=2
HARDEN_LDFLAGS := -Wl,-z,relro -Wl,-z,now
# The sanitizer builds: build/asan (AddressSanitizer + UBSan, also the fuzz
# targets) and build/tsan (ThreadSanitizer).
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
TSAN_FLAGS := -fsanitize=thread -fno-omit-frame-pointer
