# make bench's native helpers (plain build only).
# It measures memory as the simulators do (test/sim/lib's rss_kib).
$(O)/bin/bench-instances: test/bench/instances.c $(O)/test/sim/lib/util.o bindings/fd/fd_abi.h \
		$(SIMLIB_DEPS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) -Ibindings -Itest/sim $(LDFLAGS) -o $@ $< $(O)/test/sim/lib/util.o -ldl

all: $(O)/bin/bench-instances
