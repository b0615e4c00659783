# make bench's native helpers (plain build only).
$(O)/test/bench/%.o: test/bench/%.c $(FLAGS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) -c $< -o $@

$(O)/bin/bench-instances: $(O)/test/bench/instances.o
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ -ldl

all: $(O)/bin/bench-instances
