# QuickJS (quickjs-ng) as a static, position-independent archive whose symbols
# stay hidden inside each plugin, plus our runtime glue shared by all daemons.
QJS_OBJS := $(patsubst %,$(O)/engine/qjs/%.o,dtoa libregexp libunicode quickjs quickjs-libc)
QJS_LIB := $(O)/engine/libqjs.a

$(O)/engine/qjs/%.o: $(QJS_SRC)/%.c $(QJS_SRC)/.unpacked $(FLAGS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(ENGINE_CFLAGS) -w -c $< -o $@

$(QJS_LIB): $(QJS_OBJS)
	rm -f $@ && ar rcs $@ $^

ENGINE_SRCS := $(wildcard engine/*.c)
ENGINE_OBJS := $(patsubst engine/%.c,$(O)/engine/glue/%.o,$(ENGINE_SRCS))

$(O)/engine/glue/%.o: engine/%.c $(QJS_SRC)/.unpacked $(FLAGS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) $(QJS_INC) -c $< -o $@

# The bytecode compiler for bundles, for this very engine build.
$(O)/engine/tools/%.o: engine/tools/%.c $(QJS_SRC)/.unpacked $(FLAGS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) $(QJS_INC) -c $< -o $@

$(O)/bin/bareos-qjsc: $(O)/engine/tools/bareos-qjsc.o $(O)/engine/glue/bytecode.o $(O)/engine/glue/read_file.o $(QJS_LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ -lm -lpthread

all: $(O)/bin/bareos-qjsc
