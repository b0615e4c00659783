# bareos-fd-sim, the simulated Bareos file daemon (test harness), and the tiny
# native plugin it is checked with.
SIM_SRCS := $(wildcard test/sim/fd/*.c)
SIM_OBJS := $(patsubst test/sim/fd/%.c,$(O)/test/sim/fd/%.o,$(SIM_SRCS))
SIM_DEPS := $(wildcard test/sim/fd/*.h) $(SIMLIB_DEPS) bindings/fd/fd_abi.h

all: $(O)/bin/bareos-fd-sim
all: $(O)/test/echo-fd.so

$(O)/test/sim/fd/%.o: test/sim/fd/%.c $(SIM_DEPS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) -Ibindings -Itest/sim -c $< -o $@

$(O)/bin/bareos-fd-sim: $(SIM_OBJS) $(SIMLIB_OBJS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) $^ -o $@ $(LDFLAGS) -ldl -lpthread

$(O)/test/echo-fd.so: test/sim/fd/fixtures/echo-fd.c $(SIM_DEPS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) -Ibindings -Itest/sim -shared -fPIC -fvisibility=hidden $< -o $@ $(LDFLAGS)
