#!/usr/bin/env bash
# Install the Debian packages the portal needs when running as root; otherwise name them.
# Usage: scripts/sysdeps.sh run|test
set -euo pipefail
RUN_PKGS="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk"
TEST_PKGS="$RUN_PKGS chromium poppler-utils gettext postgresql-client pgbouncer"
case "${1:-run}" in
  run) wanted=$RUN_PKGS ;;
  test) wanted=$TEST_PKGS ;;
  *) echo "usage: $0 run|test" >&2; exit 2 ;;
esac
command -v dpkg-query >/dev/null 2>&1 || { echo "sysdeps: not a Debian system; make sure these are installed: $wanted"; exit 0; }
missing=""
for pkg in $wanted; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ]; then
  echo "sysdeps: installing$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
  echo "sysdeps: these Debian packages are missing:$missing" >&2
  echo "sysdeps: install them with: sudo apt-get install$missing" >&2
  exit 1
fi
