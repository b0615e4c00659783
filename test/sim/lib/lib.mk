# What the simulated daemons share (test/sim/lib/*.h), linked into each.
SIMLIB_SRCS := $(wildcard test/sim/lib/*.c)
SIMLIB_OBJS := $(patsubst test/sim/lib/%.c,$(O)/test/sim/lib/%.o,$(SIMLIB_SRCS))
SIMLIB_DEPS := $(wildcard test/sim/lib/*.h) bindings/common/bareos_abi.h

$(O)/test/sim/lib/%.o: test/sim/lib/%.c $(SIMLIB_DEPS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) -Ibindings -Itest/sim -c $< -o $@
