# The daemon plugins: each links the engine, the shared bindings and its
# own front end into one .so that exports only loadPlugin/unloadPlugin.
COMMON_SRCS := $(wildcard bindings/common/*.c)
FD_SRCS := $(wildcard bindings/fd/*.c)
BINDING_HDRS := $(wildcard bindings/*/*.h) $(wildcard engine/*.h)

$(O)/bindings/%.o: bindings/%.c $(BINDING_HDRS) $(QJS_SRC)/.unpacked
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) $(QJS_INC) -c $< -o $@

FD_OBJS := $(patsubst bindings/%.c,$(O)/bindings/%.o,$(COMMON_SRCS) $(FD_SRCS))

$(O)/lib/quickjs-fd.so: $(FD_OBJS) $(ENGINE_OBJS) $(QJS_LIB) bindings/exports.map
	@mkdir -p $(@D)
	$(CC) -shared $(LDFLAGS) -Wl,--version-script=bindings/exports.map -Wl,-z,defs \
		-o $@ $(FD_OBJS) $(ENGINE_OBJS) $(QJS_LIB) -lm -lpthread

all: $(O)/lib/quickjs-fd.so
