# Two commands on a fresh machine: `make` and `make test`.
# Everything the build produces goes to build/; build/asan/ holds the same
# binaries built with AddressSanitizer and UndefinedBehaviorSanitizer,
# build/tsan/ with ThreadSanitizer (engine included).

.PHONY: all variants plugins bundles test test-bareos test-valgrind test-fuzz bench bench-bareos clean demo
all: node_modules/.installed variants plugins

# The release and the pinned engine, the flags; make install/uninstall and make deb.
include mk/version.mk mk/flags.mk mk/install.mk mk/deb.mk

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# The plugins as shipped build the engine like quickjs-ng's release builds
# (NDEBUG: no internal asserts, no debug dumps); the sanitizer builds the
# tests also run keep both.
variants: build/engine/src/.unpacked
	$(MAKE) -f engine/variant.mk O=build EXTRA_CFLAGS= ENGINE_CFLAGS=-DNDEBUG
	$(MAKE) -f engine/variant.mk O=build/asan EXTRA_CFLAGS="$(SAN_FLAGS)"
	$(MAKE) -f engine/variant.mk O=build/tsan EXTRA_CFLAGS="$(TSAN_FLAGS)"

# TypeScript plugins, bundled by the kit's own tool.
KIT_SRCS := $(wildcard ts-lib/src/*.ts ts-lib/types/*.d.ts ts-lib/bin/*.mjs) ts-lib/tsconfig.plugin.json build/kit-tool.built \
            ts-lib/types/bareos-tables.d.ts
KIT_BUILD := node ts-lib/bin/bareos-qjs.mjs build --qjsc build/bin/bareos-qjsc
PLUGINS := $(patsubst %/plugin.json,%,$(wildcard plugins/*/plugin.json))
TEST_PLUGINS := test/plugins/ts/throws test/plugins/ts/onefile test/plugins/ts/all-natives \
                test/plugins/ts/acl-hooks test/plugins/ts/base-probe test/plugins/ts/sd-base-probe \
                test/plugins/ts/dir-base-probe test/plugins/ts/async-probe \
                test/plugins/ts/console-trace
# After the variants, in a make of its own: that one sees the bytecode
# compiler this run may have rebuilt, so the bundles follow it at once.
plugins: variants node_modules/.installed
	@$(MAKE) --no-print-directory bundles
bundles: build/plugins/.built build/test-plugins/.built build/npm/.packed

# The typings of what scripts see by name, printed from the C tables
# (bindings/typings.c).
ts-lib/types/bareos-tables.d.ts: build/bin/bareos-typings
	build/bin/bareos-typings > $@.new && mv $@.new $@

# The tool is TypeScript (ts-lib/tool); Node 20 runs it compiled, in ts-lib/lib.
build/kit-tool.built: node_modules/.installed $(wildcard ts-lib/tool/*.ts) ts-lib/tsconfig.tool.json
	node node_modules/typescript/bin/tsc -p ts-lib/tsconfig.tool.json
	@mkdir -p build && touch $@

# The bundles' bytecode comes from the engine's compiler, built by `variants`.
build/plugins/.built: node_modules/.installed $(KIT_SRCS) $(wildcard plugins/*/*) build/bin/bareos-qjsc
	$(KIT_BUILD) $(PLUGINS) --outdir build/plugins
	touch $@

build/test-plugins/.built: node_modules/.installed $(KIT_SRCS) $(wildcard test/plugins/ts/*/*) build/bin/bareos-qjsc
	$(KIT_BUILD) $(TEST_PLUGINS) --outdir build/test-plugins
	touch $@

# The kit as the npm package authors install: build/npm/bareos-qjs-<version>.tgz.
build/npm/.packed: node_modules/.installed $(KIT_SRCS) ts-lib/package.json ts-lib/README.md \
                   ts-lib/pack.mjs ts-lib/tsconfig.build.json $(shell find ts-lib/templates ts-lib/docs -type f)
	node ts-lib/pack.mjs
	touch $@

build/engine/quickjs-ng-$(QJS_VERSION).orig.tar.gz: engine/fetch-quickjs.sh mk/version.mk
	mkdir -p $(@D)
	sh engine/fetch-quickjs.sh $@ $(QJS_VERSION) $(QJS_DEBIAN_VERSION) $(QJS_SHA256)

# Our patches on top (engine/patches/README.md says why each exists).
QJS_PATCHES := $(sort $(wildcard engine/patches/*.patch))
build/engine/src/.unpacked: build/engine/quickjs-ng-$(QJS_VERSION).orig.tar.gz $(QJS_PATCHES)
	rm -rf build/engine/src && mkdir -p build/engine/src
	tar -xzf $< -C build/engine/src --strip-components=1
	for p in $(QJS_PATCHES); do patch -s -p1 -d build/engine/src < $$p || exit 1; done
	touch $@

# The real-daemon suites run when a Bareos is found: BAREOS_PREFIX, else
# ../shared/bareos-25.1.0, else Debian's packages (/usr/sbin/bareos-fd).
test: all
	sh test/ensure-postgresql.sh
	sh test/ensure-slapd.sh
	node test/suites/bareos/ensure-runtime.mjs
	node test/run.mjs

# Only the suites in the real Bareos daemons (test/suites/bareos/).
test-bareos: all
	sh test/ensure-postgresql.sh
	sh test/ensure-slapd.sh
	node test/suites/bareos/ensure-runtime.mjs
	node test/run.mjs --only bareos

# libFuzzer targets (clang with libFuzzer: apt-get install clang libclang-rt-14-dev),
# each fuzzed for FUZZ_SECONDS, then the regression inputs replayed.
FUZZ_SECONDS ?= 60
test-fuzz: build/engine/src/.unpacked
	$(MAKE) --no-print-directory -f test/fuzz/fuzz.mk run FUZZ_SECONDS=$(FUZZ_SECONDS)

# Speed and memory against the targets; results in build/bench/results.{json,md}.
bench: all
	sh test/ensure-slapd.sh
	node test/bench/run.mjs

# Backups in the real daemons: native, python3-fd and quickjs-fd side by
# side; results in build/bench/bareos.{json,md}.
bench-bareos: all
	sh test/ensure-postgresql.sh
	node test/suites/bareos/ensure-runtime.mjs
	node test/bench/bareos.mjs

# Full jobs of every daemon under valgrind's memcheck (slow; not in `test`).
test-valgrind: all
	node test/valgrind.mjs

# Backs up DIR with the local-fileset plugin through the simulated file
# daemon, restores it under build/demo/restore and compares.
DIR ?= $(CURDIR)/ts-lib
demo: all
	@rm -rf build/demo && mkdir -p build/demo && echo "$(DIR)" > build/demo/files
	build/bin/bareos-fd-sim --plugin-dir build/lib backup --archive build/demo/backup.bar \
	  --fileset-plugin "quickjs:module_path=$(CURDIR)/build/plugins:module_name=bareos-fd-local-fileset:filename=$(CURDIR)/build/demo/files"
	build/bin/bareos-fd-sim --plugin-dir build/lib restore --archive build/demo/backup.bar \
	  --where $(CURDIR)/build/demo/restore
	@diff -r "$(DIR)" "build/demo/restore$(DIR)" && echo "identical: build/demo/restore$(DIR)"

clean:
	rm -rf build ts-lib/lib ts-lib/types/bareos-tables.d.ts
