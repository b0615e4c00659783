# `make deb`: Debian packages of the build in $(DEB_DIR), split like Bareos'
# own (bareos-filedaemon-python3-plugin, ...), made with dpkg's tools by
# mk/deb.sh from the parts of `make install` (mk/install.mk).  The files in
# them belong to root (dpkg-deb --root-owner-group): no root, no fakeroot.
DEB_DIR = build/deb

# Each package and the install part it holds.
DEB_PACKAGES := bareos-filedaemon-quickjs-plugin=fd bareos-storage-quickjs-plugin=sd \
                bareos-director-quickjs-plugin=dir bareos-quickjs-plugins=bundles bareos-qjsc=qjsc
# What each part's package has in its /usr/share/doc/<package> besides the
# copyright and the changelog: source=name (gzipped as name.gz).
deb_docs_fd := README.md=README.md $(foreach d,$(DOC_PAGES),$(d)=$(d))
deb_docs_sd := $(deb_docs_fd)
deb_docs_dir := $(deb_docs_fd)
deb_docs_bundles := $(foreach p,$(PLUGIN_PAGES),$(p)=$(patsubst plugins/%/README.md,%,$(p))/README.md)
deb_docs_qjsc :=

DEB_VERSION = $(shell dpkg-parsechangelog -l mk/debian/changelog -S Version)
DEB_DATE = $(shell dpkg-parsechangelog -l mk/debian/changelog -S Timestamp)

# $(call deb_package,package,part): one recipe line.
define deb_package
	cd $(DEB_DIR) && SOURCE_DATE_EPOCH=$(DEB_DATE) sh $(CURDIR)/mk/deb.sh package $(1) $(addprefix $(CURDIR)/,$(deb_docs_$(2)))

endef

.PHONY: deb
deb: all
	@test "$(DEB_VERSION)" = "$(VERSION)" || { echo "make deb: mk/debian/changelog's latest entry is" \
	  "$(DEB_VERSION), VERSION (mk/version.mk) is $(VERSION): add an entry for $(VERSION)" >&2; exit 1; }
	rm -rf $(DEB_DIR)/debian $(foreach entry,$(DEB_PACKAGES),$(DEB_DIR)/$(firstword $(subst =, ,$(entry)))_*.deb)
	mkdir -p $(DEB_DIR)/debian
	cp mk/debian/control mk/debian/changelog $(DEB_DIR)/debian/
	sh mk/deb.sh copyright LICENSE build/engine/src/LICENSE $(QJS_VERSION) \
	  < mk/debian/copyright > $(DEB_DIR)/debian/copyright
	@set -e; for entry in $(DEB_PACKAGES); do pkg=$${entry%=*}; \
	  $(MAKE) --no-print-directory install-$${entry#*=} DESTDIR=$(abspath $(DEB_DIR))/debian/$$pkg \
	    PREFIX=/usr PLUGIN_DIR=/usr/lib/bareos/plugins; \
	done
	$(foreach entry,$(DEB_PACKAGES),$(call deb_package,$(firstword $(subst =, ,$(entry))),$(lastword $(subst =, ,$(entry)))))
