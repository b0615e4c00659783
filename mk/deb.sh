#!/bin/sh
# Makes Debian packages from trees that `make install-<part>` filled, with
# dpkg's own tools (mk/deb.mk calls it).
#   deb.sh copyright <LICENSE> <quickjs-ng LICENSE> <quickjs-ng version>
#       prints the DEP-5 copyright file: mk/debian/copyright, read on stdin,
#       with quickjs-ng's holders and both license texts
#   deb.sh package <package> [source=name ...]
#       run in the packaging folder, which holds debian/control,
#       debian/changelog, debian/copyright and debian/<package>/ as dpkg's
#       tools expect:
#       adds /usr/share/doc/<package> (copyright, changelog.gz and each
#       source as name.gz), compresses man pages, works out the shared
#       library dependencies, writes DEBIAN/{control,md5sums} and builds
#       <package>_<version>_<arch>.deb into the packaging folder (dated
#       SOURCE_DATE_EPOCH, as dpkg-deb clamps its files' times to it)
set -eu
umask 022

# A license text as the indented body of a DEP-5 paragraph (LICENSE ends
# without a newline: sed adds it).
indent() {
  sed '$a\' | sed -e 's/[[:space:]]*$//' -e 's/^$/./' -e 's/^/ /'
}

copyright() {
  ours=$1 engine=$2 qjs_version=$3
  holders=$(grep '^Copyright' "$engine" | sed 's/^Copyright (c) //' | sed '2,$s/^/ /')
  # The holders span lines: awk puts them in, sed could not take the newlines.
  awk -v holders="$holders" -v version="$qjs_version" \
    '{ gsub(/@QJS_VERSION@/, version); if ($0 ~ /@QUICKJS_COPYRIGHT@/) sub(/@QUICKJS_COPYRIGHT@/, holders); print }'
  printf '\nLicense: AGPL-3.0-only\n'
  indent < "$ours"
  printf '\nLicense: MIT\n'
  grep -v '^Copyright' "$engine" | sed -e 's/[[:space:]]*$//' -e '1{/^The MIT License/d}' | sed '/./,$!d' | indent
}

package() {
  pkg=$1
  shift
  root=debian/$pkg
  doc=$root/usr/share/doc/$pkg
  install -d "$doc"
  install -m 644 debian/copyright "$doc/copyright"
  gzip -9n < debian/changelog > "$doc/changelog.gz"
  for pair in "$@"; do
    src=${pair%%=*} name=${pair#*=}
    install -d "$doc/$(dirname "$name")"
    gzip -9n < "$src" > "$doc/$name.gz"
  done
  if [ -d "$root/usr/share/man" ]; then
    find "$root/usr/share/man" -type f ! -name '*.gz' -exec gzip -9n {} +
  fi
  # dpkg-shlibdeps knows a package's root by its DEBIAN folder.
  install -d "$root/DEBIAN"
  : > "debian/$pkg.substvars"
  elf_files=$(find "$root" -type f -exec sh -c '[ "$(head -c 4 "$1" | tail -c 3)" = ELF ]' _ {} \; -print)
  if [ -n "$elf_files" ]; then
    # shellcheck disable=SC2086 # one word per file; our paths have no spaces
    dpkg-shlibdeps -T"debian/$pkg.substvars" $elf_files
  fi

  # `install -d` gave the leading directories the caller's umask.
  find "$root" -type d -exec chmod 755 {} +
  (cd "$root" && find . -type f ! -path './DEBIAN/*' -printf '%P\n' | LC_ALL=C sort |
     xargs -r -d '\n' md5sum) > "$root/DEBIAN/md5sums"
  chmod 644 "$root/DEBIAN/md5sums"
  dpkg-gencontrol -p"$pkg" -T"debian/$pkg.substvars" -P"$root"
  dpkg-deb --root-owner-group -Zxz --build "$root" .
}

command=$1
shift
"$command" "$@"
