# `make install` copies what `make` built into a system with Bareos'
# packages; `make uninstall` removes exactly those files.  Neither builds
# anything: run as root, a build step would leave files in build/ that the
# user who ran `make` can no longer replace.
PREFIX = /usr
# Where Bareos' packages look, whatever the prefix; a Plugin line without
# module_path finds the bundles here too (bindings/common/instance.c).
PLUGIN_DIR = /usr/lib/bareos/plugins
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
DOCDIR = $(PREFIX)/share/doc/bareos-quickjs
INSTALL = install
STRIP = strip

# The bundles by module name, read from the sources: uninstall knows them
# without a build.  plugins/hello is the README's example, and "hello" is no
# name for a file in the system's plugin directory: it stays out.
SHIPPED := $(filter-out plugins/hello,$(patsubst %/plugin.json,%,$(wildcard plugins/*/plugin.json)))
MODULES := $(shell sed -n 's/.*"moduleName": *"\([^"]*\)".*/\1/p' $(SHIPPED:%=%/plugin.json))
PLUGIN_PAGES := $(wildcard $(SHIPPED:%=%/README.md))
# The README links every page of docs/: they go where its links find them.
DOC_PAGES := $(wildcard docs/*.md)

# Each part of the installation, one entry per file:
#   source=destination-directory=mode[=strip]
# `make deb` installs each part into a package of its own (mk/deb.mk).
INSTALL_PARTS := fd sd dir bundles qjsc doc
install_fd = build/lib/quickjs-fd.so=$(PLUGIN_DIR)=644=strip
install_sd = build/lib/quickjs-sd.so=$(PLUGIN_DIR)=644=strip
install_dir = build/lib/quickjs-dir.so=$(PLUGIN_DIR)=644=strip
install_bundles = $(foreach m,$(MODULES),$(foreach ext,.js .js.map .qjsbc,build/plugins/$(m)$(ext)=$(PLUGIN_DIR)=644))
install_qjsc = build/bin/bareos-qjsc=$(BINDIR)=755=strip engine/tools/bareos-qjsc.1=$(MANDIR)/man1=644
install_doc = README.md=$(DOCDIR)=644 LICENSE=$(DOCDIR)=644 $(foreach d,$(DOC_PAGES),$(d)=$(DOCDIR)/docs=644) \
              $(foreach p,$(PLUGIN_PAGES),$(p)=$(DOCDIR)/$(patsubst %/,%,$(dir $(p)))=644)
install_all = $(foreach part,$(INSTALL_PARTS),$(install_$(part)))

# --strip-unneeded keeps the dynamic symbols the daemons look up
# (loadPlugin, unloadPlugin); .comment and .note go as dh_strip drops them.
STRIP_FLAGS := --strip-unneeded --remove-section=.comment --remove-section=.note

# Every source is checked before anything is copied: a tree that was not
# built installs nothing.
define install_entries
	@set -e; for e in $(1); do set -- $$(echo "$$e" | tr = ' '); \
	  test -f "$$1" || { echo "make install: $$1 is missing: run make first (as yourself)" >&2; exit 1; }; \
	done; \
	for e in $(1); do set -- $$(echo "$$e" | tr = ' '); \
	  to="$(DESTDIR)$$2/$${1##*/}"; \
	  echo "install -m $$3 $$1 $$to$${4:+ (stripped)}"; \
	  $(INSTALL) -d -m 755 "$(DESTDIR)$$2"; \
	  $(INSTALL) -m "$$3" "$$1" "$$to"; \
	  if [ "$$4" = strip ]; then $(STRIP) $(STRIP_FLAGS) "$$to"; fi; \
	done
endef

.PHONY: install uninstall $(addprefix install-,$(INSTALL_PARTS))
install:
	$(call install_entries,$(install_all))

$(addprefix install-,$(INSTALL_PARTS)):
	$(call install_entries,$(install_$(@:install-%=%)))

# The plugin directory, bin/ and man1/ belong to Bareos and the system and
# stay; the documentation directory is ours and goes when it is empty.
uninstall:
	@set -e; for e in $(install_all); do set -- $$(echo "$$e" | tr = ' '); \
	  echo "rm -f $(DESTDIR)$$2/$${1##*/}"; rm -f "$(DESTDIR)$$2/$${1##*/}"; \
	done; \
	for d in $(sort $(patsubst %/,%,$(dir $(PLUGIN_PAGES:%=$(DESTDIR)$(DOCDIR)/%)))) \
	         $(DESTDIR)$(DOCDIR)/docs $(DESTDIR)$(DOCDIR)/plugins $(DESTDIR)$(DOCDIR); do \
	  if [ -d "$$d" ]; then rmdir --ignore-fail-on-non-empty "$$d"; fi; \
	done
