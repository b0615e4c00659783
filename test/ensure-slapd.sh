#!/bin/sh
# The LDAP suites start their own throw-away slapd from Debian's packages.
# Installs them when missing and we may (root); otherwise says how.
[ -x /usr/sbin/slapd ] && command -v ldapsearch >/dev/null && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
	echo "installing OpenLDAP's server and ldap-utils for the LDAP suites"
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slapd ldap-utils >/dev/null
	exit $?
fi
echo "OpenLDAP is missing; install it (apt-get install slapd ldap-utils) for the LDAP suites" >&2
exit 0
