# The release, once: the plugins report it to the daemons (bpluginfo,
# `status client`), make install and the Debian packages carry it, and
# `make deb` checks the latest entry of mk/debian/changelog against it, as a
# test does package.json's version.
VERSION := 0.1.0
RELEASE_DATE := November 2026
