#!/bin/sh
# uninstall.sh removes SkyDNS Qt installed from the .pkg (macOS has no package removal): the launchd
# daemon, the binaries, the console and the package receipt. Run with sudo.
set -e
/usr/local/bin/skydns service uninstall || true
rm -f /usr/local/bin/skydns
rm -rf /Applications/skydns-console.app
pkgutil --forget org.skydns.skydns-qt.service >/dev/null 2>&1 || true
pkgutil --forget org.skydns.skydns-qt.console >/dev/null 2>&1 || true
echo "SkyDNS Qt removed (logs kept in /Library/Logs/SkyDNS)"
