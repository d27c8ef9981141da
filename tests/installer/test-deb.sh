#!/usr/bin/env bash
# test-deb.sh BUILD_DIR WORK_DIR: builds the .deb with CPack from an already built tree, inspects it
# (dpkg-deb -I / -c), installs it into a throwaway root, checks the maintainer scripts' work (the
# skydns user, the enabled units), then removes and purges it and checks nothing is left behind.
#
# Caveats (the throwaway root is not a Debian system):
# - dpkg runs the maintainer scripts on the host, not chrooted (--force-script-chrootless), with
#   DPKG_ROOT set; the scripts therefore only use DPKG_ROOT-aware tools (systemd-sysusers --root,
#   systemctl --root) and never start anything.
# - --force-depends: the root has none of the Qt libraries the package depends on.
# - CPack packs a tree staged by `cmake --install` (see below) instead of running its own build
#   step: skydns and skydns-console must be built already, as after `cmake --build` (tests/run.sh).
set -euo pipefail
build=$1
work=$2
fail() { echo "test-deb: FAIL: $*" >&2; exit 1; }

for exe in service/skydns console/skydns-console; do
  [ -x "$build/$exe" ] || fail "$build/$exe is not built (build the whole tree before this test)"
done

rm -rf "$work"
mkdir -p "$work/out"
# CPack's own install step would first build the target "preinstall", i.e. the whole tree. The test
# must not build, so it stages the install rules itself (cmake --install, no build) and hands CPack
# the staged tree with the project's own CPack configuration (every CPACK_DEBIAN_* setting applies).
cmake --install "$build" --prefix "$work/stage/usr" --strip >"$work/stage.log" 2>&1 \
  || { cat "$work/stage.log"; fail "cmake --install failed"; }
{
  cat "$build/CPackConfig.cmake"
  echo 'set(CPACK_INSTALL_CMAKE_PROJECTS "")'
  echo "set(CPACK_INSTALLED_DIRECTORIES \"$work/stage;.\")"
} >"$work/CPackConfig.cmake"
cpack --config "$work/CPackConfig.cmake" -G DEB -B "$work/out" >"$work/cpack.log" 2>&1 \
  || { cat "$work/cpack.log"; fail "cpack failed"; }
deb=$(ls "$work"/out/skydns-qt_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { cat "$work/cpack.log"; fail "no skydns-qt_*.deb produced"; }
echo "test-deb: built $(basename "$deb") ($(stat -c %s "$deb") bytes)"

# --- control information -------------------------------------------------------------------------
info=$(dpkg-deb -I "$deb")
grep -q '^ Package: skydns-qt$' <<<"$info" || fail "Package field: $info"
grep -q '^ Version: ' <<<"$info" || fail "no Version"
grep -Eq '^ Depends: .*libqt6core6' <<<"$info" || fail "Depends lacks the Qt libraries (shlibdeps): $info"
for script in postinst prerm postrm; do
  grep -Eq "^ +[0-9]+ bytes, +[0-9]+ lines +\* +$script " <<<"$info" || fail "$script missing or not executable: $info"
done

# --- contents ------------------------------------------------------------------------------------
contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for path in ./usr/bin/skydns ./usr/bin/skydns-console \
            ./usr/lib/systemd/system/skydns.service ./usr/lib/systemd/system/skydns.socket \
            ./usr/lib/sysusers.d/skydns.conf ./usr/share/applications/skydns-console.desktop \
            ./usr/share/icons/hicolor/48x48/apps/skydns.png ./usr/share/icons/hicolor/scalable/apps/skydns.svg; do
  grep -qx "$path" <<<"$contents" || fail "$path not in the package"
done
if grep -E '^\./(etc|var|home|tmp)/' <<<"$contents"; then fail "files outside /usr"; fi
# The packaged unit runs the packaged binary.
dpkg-deb --fsys-tarfile "$deb" | tar -xOf - ./usr/lib/systemd/system/skydns.service \
  | grep -qx 'ExecStart=/usr/bin/skydns -systemd' || fail "packaged unit does not start /usr/bin/skydns"

# --- install into a throwaway root ---------------------------------------------------------------
root="$work/root"
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/etc"
touch "$root/var/lib/dpkg/status" "$root/var/lib/dpkg/available"
dpkg_root() {
  dpkg --root="$root" --force-not-root --force-script-chrootless --force-depends \
       --log="$work/dpkg.log" "$@"
}
(cd "$root" && find . -path ./var/lib/dpkg -prune -o ! -type d -print | sort) >"$work/before.txt"

dpkg_root -i "$deb" >"$work/install.log" 2>&1 || { cat "$work/install.log"; fail "dpkg -i failed"; }
[ -x "$root/usr/bin/skydns" ] || fail "skydns not installed"
"$root/usr/bin/skydns" -version >/dev/null || fail "installed skydns does not run"
grep -q '^skydns:x:[0-9]*:[0-9]*:SkyDNS Qt DNS service discovery over etcd:/var/lib/skydns:/usr/sbin/nologin$' "$root/etc/passwd" \
  || fail "postinst did not create the skydns user: $(cat "$root/etc/passwd" 2>/dev/null)"
[ -L "$root/etc/systemd/system/sockets.target.wants/skydns.socket" ] || fail "skydns.socket not enabled"
[ -L "$root/etc/systemd/system/multi-user.target.wants/skydns.service" ] || fail "skydns.service not enabled"
dpkg-query --admindir="$root/var/lib/dpkg" -W -f='${Status}\n' skydns-qt | grep -qx 'install ok installed' \
  || fail "dpkg does not list skydns-qt as installed"
echo "test-deb: installed into $root: user created, units enabled"

# --- remove, then purge --------------------------------------------------------------------------
dpkg_root -r skydns-qt >"$work/remove.log" 2>&1 || { cat "$work/remove.log"; fail "dpkg -r failed"; }
[ ! -e "$root/usr/bin/skydns" ] || fail "skydns left after remove"
[ ! -e "$root/usr/lib/systemd/system/skydns.service" ] || fail "unit left after remove"
[ ! -L "$root/etc/systemd/system/sockets.target.wants/skydns.socket" ] || fail "socket still enabled after remove"
[ ! -L "$root/etc/systemd/system/multi-user.target.wants/skydns.service" ] || fail "service still enabled after remove"
mkdir -p "$root/var/lib/skydns" && touch "$root/var/lib/skydns/state"   # what a running service leaves
dpkg_root --purge skydns-qt >"$work/purge.log" 2>&1 || { cat "$work/purge.log"; fail "dpkg --purge failed"; }
[ ! -e "$root/var/lib/skydns" ] || fail "/var/lib/skydns left after purge"
if dpkg-query --admindir="$root/var/lib/dpkg" -W skydns-qt >/dev/null 2>&1; then
  fail "dpkg still knows skydns-qt after purge"
fi
# Left behind on purpose: the user (etc/passwd, group, shadow, gshadow, their backups and the lock) and
# empty directories (systemctl's .wants parents). Any other file or symlink is a leak.
(cd "$root" && find . -path ./var/lib/dpkg -prune -o ! -type d -print | sort) >"$work/after.txt"
leaks=$(comm -13 "$work/before.txt" "$work/after.txt" \
  | grep -Ev '^\./etc/((passwd|group|shadow|gshadow)-?|\.pwd\.lock)$' || true)
[ -z "$leaks" ] || fail "left behind after purge: $leaks"
echo "test-deb: removed and purged cleanly"
