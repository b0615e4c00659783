# make bench's native helpers (plain build only).
$(O)/test/bench/%.o: test/bench/%.c $(FLAGS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(SIM_CFLAGS) -c $< -o $@

# It measures memory as the simulators do (test/sim/lib's rss_kib).
$(O)/bin/bench-instances: $(O)/test/bench/instances.o $(O)/test/sim/lib/util.o
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ -ldl

all: $(O)/bin/bench-instances
