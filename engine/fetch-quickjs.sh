#!/bin/sh
# Fetches the quickjs-ng orig tarball from Debian's archive without root and
# without touching the system's apt state, and refuses anything whose sha256
# differs from the pinned one.
# usage: fetch-quickjs.sh <output tarball> <version> <Debian version> <sha256>
#   (the pins live in mk/version.mk; QUICKJS_TARBALL=/path skips the download)
set -eu

[ $# -eq 4 ] || { echo "usage: fetch-quickjs.sh OUT VERSION DEBIAN_VERSION SHA256" >&2; exit 2; }
out=$1
version=$2
debian_version=$3
sha256=$4
mkdir -p "$(dirname "$out")"
work=$(cd "$(dirname "$out")" && pwd)/apt
mkdir -p "$work/lists/partial" "$work/cache/archives/partial"

verify() {
	echo "$sha256  $1" | sha256sum -c --status || {
		echo "fetch-quickjs: $1 does not have sha256 $sha256; refusing it" >&2
		exit 1
	}
}

if [ -n "${QUICKJS_TARBALL:-}" ]; then
	verify "$QUICKJS_TARBALL"
	cp "$QUICKJS_TARBALL" "$out"
	exit 0
fi

# The archive URI this machine's apt already uses for Debian proper.
uri=$(apt-get indextargets --format '$(REPO_URI)' 2>/dev/null |
	grep -v -e security -e updates | grep -m1 debian || true)
[ -n "$uri" ] || uri=$(grep -h -o -E 'https?://[^ ]*debian/?' \
	/etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null |
	grep -v security | head -n1)
[ -n "$uri" ] || { echo "fetch-quickjs: no Debian archive URI in apt's configuration" >&2; exit 1; }

echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ${uri%/} trixie-backports main" > "$work/sources.list"
set -- -o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/nonexistent \
	-o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache" -o Debug::NoLocking=1
apt-get "$@" -qq update
(cd "$work" && apt-get "$@" -qq source --download-only --tar-only "quickjs-ng=$debian_version")
verify "$work/quickjs-ng_$version.orig.tar.gz"
mv "$work/quickjs-ng_$version.orig.tar.gz" "$out"
