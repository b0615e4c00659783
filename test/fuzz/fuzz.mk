# libFuzzer targets, built with clang into build/fuzz/.  Standalone:
#   make -f test/fuzz/fuzz.mk            build the targets
#   make -f test/fuzz/fuzz.mk run        fuzz each for FUZZ_SECONDS, replay
#                                        test/fuzz/regressions/
# Needs the unpacked QuickJS sources (build/engine/src/.unpacked, made by
# the top-level Makefile) and clang with libFuzzer; installs nothing.
O := build/fuzz
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
QJS_SRC := build/engine/src
include mk/flags.mk

CFLAGS := -std=c11 -D_GNU_SOURCE -g -O1 $(SAN_FLAGS) $(DEPFLAGS) -I$(QJS_SRC)
# Coverage feedback from our code only: QuickJS' own branches (atom hashing
# above all) made it three times slower and filled the corpus with inputs
# that differ only inside the engine.
COVERAGE := -fsanitize=fuzzer-no-link
LDFLAGS := -fsanitize=fuzzer,address,undefined

TARGETS := plugin_def_fuzz packet_fuzz
BINS := $(TARGETS:%=$(O)/bin/%)

.PHONY: all run toolchain
all: $(BINS)

# A clear message instead of a compiler error when libFuzzer is missing.
toolchain:
	@mkdir -p $(O)
	@printf '#include <stddef.h>\n#include <stdint.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }\n' > $(O)/probe.c
	@$(FUZZ_CC) -fsanitize=fuzzer,address,undefined -o $(O)/probe $(O)/probe.c 2>/dev/null || { \
	  echo "test-fuzz: '$(FUZZ_CC)' cannot build libFuzzer targets (-fsanitize=fuzzer)."; \
	  echo "  On Debian 12: apt-get install -y clang libclang-rt-14-dev"; \
	  exit 1; }

# QuickJS is third-party: its own archive, compiled without warnings.
QJS_OBJS := $(patsubst %,$(O)/engine/qjs/%.o,dtoa libregexp libunicode quickjs quickjs-libc)
$(O)/engine/qjs/%.o: $(QJS_SRC)/%.c $(QJS_SRC)/.unpacked test/fuzz/fuzz.mk | toolchain
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CFLAGS) -w -c $< -o $@
$(O)/engine/libqjs.a: $(QJS_OBJS)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

# Our sources (engine glue, bindings, the targets), with all warnings.
$(O)/obj/%.o: %.c $(QJS_SRC)/.unpacked test/fuzz/fuzz.mk | toolchain
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CFLAGS) $(COVERAGE) $(WARN) -c $< -o $@
GLUE_OBJS := $(patsubst %.c,$(O)/obj/%.o,$(wildcard engine/*.c))
$(O)/engine/libglue.a: $(GLUE_OBJS)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

$(O)/bin/plugin_def_fuzz: $(O)/obj/test/fuzz/plugin_def_fuzz.o \
	$(O)/obj/bindings/common/plugin_def.o
$(O)/bin/packet_fuzz: $(O)/obj/test/fuzz/packet_fuzz.o $(O)/obj/bindings/common/packet.o \
	$(O)/obj/bindings/fd/fd_packets.o $(O)/engine/libglue.a $(O)/engine/libqjs.a
$(BINS):
	@mkdir -p $(@D)
	$(FUZZ_CC) $(LDFLAGS) -o $@ $^ -lm -lpthread

-include $(wildcard $(O)/engine/qjs/*.d $(O)/obj/*/*.d $(O)/obj/*/*/*.d)

run: all
	@sh test/fuzz/run.sh $(FUZZ_SECONDS) $(TARGETS)

.DELETE_ON_ERROR:
