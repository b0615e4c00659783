# The daemon plugins: each links the engine, the shared bindings and its
# own daemon table (DaemonDesc) into one .so that exports only loadPlugin/unloadPlugin.
COMMON_SRCS := $(wildcard bindings/common/*.c)
FD_SRCS := $(wildcard bindings/fd/*.c)
SD_SRCS := $(wildcard bindings/sd/*.c)
DIR_SRCS := $(wildcard bindings/dir/*.c)

$(O)/bindings/%.o: bindings/%.c $(QJS_SRC)/.unpacked $(FLAGS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) $(QJS_INC) -c $< -o $@

# The release (mk/version.mk) as each plugin tells its daemon.
FRONT_OBJS := $(foreach d,fd sd dir,$(O)/bindings/$(d)/$(d)_plugin.o)
$(FRONT_OBJS): CFLAGS += -DBQ_VERSION='"$(VERSION)"' -DBQ_RELEASE_DATE='"$(RELEASE_DATE)"'
$(FRONT_OBJS): mk/version.mk

objs = $(patsubst bindings/%.c,$(O)/bindings/%.o,$(COMMON_SRCS) $(1))
FD_OBJS := $(call objs,$(FD_SRCS))
SD_OBJS := $(call objs,$(SD_SRCS))
DIR_OBJS := $(call objs,$(DIR_SRCS))

$(O)/lib/quickjs-fd.so: $(FD_OBJS)
$(O)/lib/quickjs-sd.so: $(SD_OBJS)
$(O)/lib/quickjs-dir.so: $(DIR_OBJS)
$(O)/lib/quickjs-%.so: $(ENGINE_OBJS) $(QJS_LIB) bindings/exports.map
	@mkdir -p $(@D)
	$(CC) -shared $(LDFLAGS) -Wl,--version-script=bindings/exports.map -Wl,-z,defs \
		-o $@ $(filter %.o,$^) $(QJS_LIB) -lm -lpthread

all: $(O)/lib/quickjs-fd.so $(O)/lib/quickjs-sd.so $(O)/lib/quickjs-dir.so

# The kit's typings of the daemons' constants, variables and entry points
# are printed from the same tables the plugins link (common/surface.h).
SURFACE_OBJS := $(patsubst bindings/%.c,$(O)/bindings/%.o,bindings/typings.c \
                  bindings/common/common_surface.c $(foreach d,fd sd dir,bindings/$(d)/$(d)_surface.c))
$(O)/bin/bareos-typings: $(SURFACE_OBJS)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^

all: $(O)/bin/bareos-typings
