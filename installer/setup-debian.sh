#!/usr/bin/env bash
# setup-debian.sh installs every Debian 12 package needed to build, test and run SkyDNS Qt.
# Idempotent and non-interactive; run as root (or with sudo available).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libqt6svg6 qt6-qpa-plugins qt6-translations-l10n
  libldns-dev ldnsutils libssl-dev
  libcpprest-dev libboost-dev
  qtkeychain-qt6-dev nlohmann-json3-dev
  etcd-server etcd-client
  bind9-dnsutils bind9-utils dnsperf knot
  dbus dbus-x11 gnome-keyring libsecret-tools
  procps psmisc iproute2 curl python3
  clang libclang-rt-14-dev lld
  systemd libxml2-utils file desktop-file-utils g++-mingw-w64-x86-64-posix librsvg2-bin
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-debian: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
echo "setup-debian: installing ${missing[*]}"
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}"
# Debian starts packaged daemons on install; our tests start their own private instances.
for svc in etcd knot; do
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$svc" 2>/dev/null; then
    $SUDO systemctl stop "$svc" || true
    $SUDO systemctl disable "$svc" >/dev/null 2>&1 || true
  fi
done
echo "setup-debian: done"
