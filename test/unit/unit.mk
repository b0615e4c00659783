# C unit tests of pieces that need no daemon.
$(O)/test/unit-tests: test/unit/plugin_def_test.c bindings/common/plugin_def.c bindings/common/plugin_def.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) $(LDFLAGS) -o $@ test/unit/plugin_def_test.c bindings/common/plugin_def.c

all: $(O)/test/unit-tests
