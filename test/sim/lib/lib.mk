# What the simulated daemons share (test/sim/lib/*.h), linked into each.
SIMLIB_SRCS := $(wildcard test/sim/lib/*.c)
SIMLIB_OBJS := $(patsubst test/sim/lib/%.c,$(O)/test/sim/lib/%.o,$(SIMLIB_SRCS))
# The simulators see the plugins only through the ABI headers (bindings/*/*_abi.h).
SIM_CFLAGS = $(CFLAGS) $(WARN) -Ibindings -Itest/sim

$(O)/test/sim/%.o: test/sim/%.c $(FLAGS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(SIM_CFLAGS) -c $< -o $@
