# C unit tests of pieces that need no daemon.
$(O)/test/unit/%.o: test/unit/%.c $(FLAGS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) -c $< -o $@

$(O)/test/unit-tests: $(O)/test/unit/plugin_def_test.o $(O)/bindings/common/plugin_def.o
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^

all: $(O)/test/unit-tests
