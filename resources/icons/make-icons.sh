#!/usr/bin/env bash
# make-icons.sh renders skydns.svg into the committed icon files: skydns-<N>.png for N in 16..512,
# skydns.ico (Windows: PNG-compressed entries 16-256) and skydns.icns (macOS: PNG entries 16-1024).
# Needs rsvg-convert (librsvg2-bin) and python3. Run it after editing the SVG and commit the output;
# tests/installer/tst_icons checks every size and container against the SVG's renders.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
sizes=(16 24 32 48 64 128 256 512)
for n in "${sizes[@]}" 1024; do
  rsvg-convert -w "$n" -h "$n" skydns.svg -o "skydns-$n.png"
done
python3 - <<'PY'
import struct
def png(n):
    return open(f"skydns-{n}.png", "rb").read()
# ICO: ICONDIR, then one ICONDIRENTRY per image (width/height 0 means 256), then the PNG data.
ico_sizes = [16, 24, 32, 48, 64, 128, 256]
data = [png(n) for n in ico_sizes]
offset = 6 + 16 * len(ico_sizes)
out = struct.pack("<HHH", 0, 1, len(ico_sizes))
for n, d in zip(ico_sizes, data):
    out += struct.pack("<BBBBHHII", n % 256, n % 256, 0, 0, 1, 32, len(d), offset)
    offset += len(d)
open("skydns.ico", "wb").write(out + b"".join(data))
# ICNS: 'icns' + total length, then (OSType, length incl. 8-byte header, PNG data) per entry.
icns_types = [("icp4", 16), ("icp5", 32), ("icp6", 64), ("ic07", 128), ("ic08", 256), ("ic09", 512), ("ic10", 1024)]
body = b"".join(t.encode() + struct.pack(">I", 8 + len(png(n))) + png(n) for t, n in icns_types)
open("skydns.icns", "wb").write(b"icns" + struct.pack(">I", 8 + len(body)) + body)
PY
