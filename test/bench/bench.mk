# make bench's native helpers (plain build only).
$(O)/bin/bench-instances: test/bench/instances.c bindings/fd/fd_abi.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) $(LDFLAGS) -o $@ $< -ldl

all: $(O)/bin/bench-instances
