# The release, once: the plugins report it to the daemons (bpluginfo,
# `status client`), make install and the Debian packages carry it, and
# `make deb` checks the latest entry of mk/debian/changelog against it, as a
# test does package.json's version.
VERSION := 0.1.0
RELEASE_DATE := November 2026

# quickjs-ng as Debian ships its source (engine/fetch-quickjs.sh fetches the
# orig tarball and refuses any other sha256); mk/debian/copyright names it.
QJS_VERSION := 0.16.2
QJS_DEBIAN_VERSION := 0.16.2-2~bpo13+1
QJS_SHA256 := 6ee0c983477c9b145909d873ed1a57422001927f7706b63859abf8e816d2d88c
