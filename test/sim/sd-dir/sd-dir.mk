# bareos-sd-sim and bareos-dir-sim, the simulated storage daemon and director
# (one program; the name it runs under picks the daemon), and the two tiny
# native plugins they are checked with.
SDDIR_SRCS := $(wildcard test/sim/sd-dir/*.c)
SDDIR_OBJS := $(patsubst test/sim/sd-dir/%.c,$(O)/test/sim/sd-dir/%.o,$(SDDIR_SRCS))
SDDIR_DEPS := $(wildcard test/sim/sd-dir/*.h) $(SIMLIB_DEPS) \
	bindings/sd/sd_abi.h bindings/dir/dir_abi.h
SDDIR_BINS := $(O)/bin/bareos-sd-sim $(O)/bin/bareos-dir-sim
SDDIR_ECHO := $(O)/test/echo-sd.so $(O)/test/echo-dir.so

all: $(SDDIR_BINS) $(SDDIR_ECHO)

$(O)/test/sim/sd-dir/%.o: test/sim/sd-dir/%.c $(SDDIR_DEPS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) -Ibindings -Itest/sim -c $< -o $@

$(SDDIR_BINS): $(SDDIR_OBJS) $(SIMLIB_OBJS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) $^ -o $@ $(LDFLAGS) -ldl -lpthread

$(SDDIR_ECHO): $(O)/test/echo-%.so: test/sim/sd-dir/fixtures/echo-%.c \
		test/sim/sd-dir/fixtures/echo.h $(SDDIR_DEPS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) -Ibindings -Itest/sim -shared -fPIC -fvisibility=hidden $< -o $@ $(LDFLAGS)
