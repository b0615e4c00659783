# What the simulated daemons share (test/simlib/simlib.h), linked into each.
SIMLIB_SRCS := $(wildcard test/simlib/*.c)
SIMLIB_OBJS := $(patsubst test/simlib/%.c,$(O)/test/simlib/%.o,$(SIMLIB_SRCS))
SIMLIB_DEPS := test/simlib/simlib.h bindings/common/bareos_abi.h

$(O)/test/simlib/%.o: test/simlib/%.c $(SIMLIB_DEPS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) -Ibindings -c $< -o $@
