#!/bin/sh
# The PostgreSQL suite starts its own throw-away server from Debian's
# packages.  Installs them when missing and we may (root); otherwise says how.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
	echo "installing PostgreSQL's server programs for the PostgreSQL suite"
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
	exit $?
fi
echo "PostgreSQL's server programs are missing; install them (apt-get install postgresql) for the PostgreSQL suite" >&2
exit 0
