# One build variant (plain or sanitized) into $(O).  Called by the top-level
# Makefile; every rule here writes below $(O) only.
O ?= build
CC ?= gcc
CFLAGS_BASE := -std=c11 -D_GNU_SOURCE -O2 -g -fPIC -fvisibility=hidden
WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CFLAGS := $(CFLAGS_BASE) $(EXTRA_CFLAGS)
LDFLAGS := $(EXTRA_CFLAGS)
QJS_SRC := build/engine/src
QJS_INC := -I$(QJS_SRC)

all:

include mk/version.mk
include engine/engine.mk
include bindings/bindings.mk
include test/simlib/simlib.mk
include test/sim/sim.mk
include test/sim-sd-dir/sim.mk
include test/unit/unit.mk
include test/bench/bench.mk

.DELETE_ON_ERROR:
# Objects reached only through pattern rules are not temporary.
.SECONDARY:
