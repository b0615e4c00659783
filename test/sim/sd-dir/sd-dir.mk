# bareos-sd-sim and bareos-dir-sim, the simulated storage daemon and director
# (one program; the name it runs under picks the daemon), and the two tiny
# native plugins they are checked with.
SDDIR_OBJS := $(patsubst test/sim/sd-dir/%.c,$(O)/test/sim/sd-dir/%.o,$(wildcard test/sim/sd-dir/*.c))
SDDIR_BINS := $(O)/bin/bareos-sd-sim $(O)/bin/bareos-dir-sim
SDDIR_ECHO := $(O)/test/echo-sd.so $(O)/test/echo-dir.so

all: $(SDDIR_BINS) $(SDDIR_ECHO)

$(SDDIR_BINS): $(SDDIR_OBJS) $(SIMLIB_OBJS)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ -ldl -lpthread

$(SDDIR_ECHO): $(O)/test/echo-%.so: test/sim/sd-dir/fixtures/echo-%.c $(FLAGS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(SIM_CFLAGS) -shared $< -o $@ $(LDFLAGS)
