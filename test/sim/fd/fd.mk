# bareos-fd-sim, the simulated Bareos file daemon (test harness), and the tiny
# native plugin it is checked with.
SIM_OBJS := $(patsubst test/sim/fd/%.c,$(O)/test/sim/fd/%.o,$(wildcard test/sim/fd/*.c))

all: $(O)/bin/bareos-fd-sim $(O)/test/echo-fd.so

$(O)/bin/bareos-fd-sim: $(SIM_OBJS) $(SIMLIB_OBJS)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ -ldl -lpthread

$(O)/test/echo-fd.so: test/sim/fd/fixtures/echo-fd.c $(FLAGS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(SIM_CFLAGS) -shared $< -o $@ $(LDFLAGS)
