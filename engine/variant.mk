# One build variant (plain or sanitized) into $(O).  Called by the top-level
# Makefile; every rule here writes below $(O) only.
O ?= build
include mk/flags.mk
CFLAGS := $(CFLAGS_BASE) $(DEPFLAGS) $(HARDEN_CFLAGS) $(EXTRA_CFLAGS)
LDFLAGS := $(HARDEN_LDFLAGS) $(EXTRA_CFLAGS)
QJS_SRC := build/engine/src
QJS_INC := -I$(QJS_SRC)

# First, so that it stays the default goal.
all:

# The flags this variant was last built with: every object depends on the
# file, and it is rewritten only when they change, so new flags rebuild the
# variant. A recipe, not a write while parsing: `make -n` writes nothing.
FLAGS_STAMP := $(O)/.flags
FLAGS_NOW := $(CC) $(CFLAGS) $(ENGINE_CFLAGS) $(LDFLAGS)
ifneq ($(file <$(FLAGS_STAMP)),$(FLAGS_NOW))
.PHONY: $(FLAGS_STAMP)
$(FLAGS_STAMP):
	@mkdir -p $(@D)
	@printf '%s\n' '$(subst ','\'',$(FLAGS_NOW))' > $@
endif

include mk/version.mk
include engine/engine.mk
include bindings/bindings.mk
include test/sim/lib/lib.mk
include test/sim/fd/fd.mk
include test/sim/sd-dir/sd-dir.mk
include test/unit/unit.mk
include test/bench/bench.mk

# Header dependencies from the last build (DEPFLAGS).
-include $(wildcard $(addprefix $(O)/,bin/*.d engine/*/*.d bindings/*/*.d test/*.d test/*/*.d test/*/*/*.d))

.DELETE_ON_ERROR:
# Objects reached only through pattern rules are not temporary.
.SECONDARY:
