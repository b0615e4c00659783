# One build variant (plain or sanitized) into $(O).  Called by the top-level
# Makefile; every rule here writes below $(O) only.
O ?= build
CC ?= gcc
CFLAGS_BASE := -std=c11 -D_GNU_SOURCE -O2 -g -fPIC -fvisibility=hidden
WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
# Hardened as Debian builds its packages: checked string and memory calls,
# and the relocations made read-only at load (relro, now).
HARDEN_CFLAGS := -D_FORTIFY_SOURCE=2
HARDEN_LDFLAGS := -Wl,-z,relro -Wl,-z,now
CFLAGS := $(CFLAGS_BASE) $(HARDEN_CFLAGS) $(EXTRA_CFLAGS)
LDFLAGS := $(HARDEN_LDFLAGS) $(EXTRA_CFLAGS)
QJS_SRC := build/engine/src
QJS_INC := -I$(QJS_SRC)

all:

include mk/version.mk
include engine/engine.mk
include bindings/bindings.mk
include test/sim/lib/lib.mk
include test/sim/fd/fd.mk
include test/sim/sd-dir/sd-dir.mk
include test/unit/unit.mk
include test/bench/bench.mk

.DELETE_ON_ERROR:
# Objects reached only through pattern rules are not temporary.
.SECONDARY:
