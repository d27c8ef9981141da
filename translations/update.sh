#!/usr/bin/env bash
# update.sh: refresh translations/*.ts from the console's and common's tr() strings (lupdate), keeping
# every existing translation. Run it after adding user-visible strings, translate the new entries
# (linguist, or edit the XML: remove type="unfinished" once translated), and commit the .ts files.
# tst_translations fails while any tr() string has no finished translation in a shipped .ts.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
lupdate=${LUPDATE:-/usr/lib/qt6/bin/lupdate}
command -v "$lupdate" >/dev/null || lupdate=lupdate
cd "$root"
for lang in ${SKYDNS_LANGUAGES:-de fr}; do
    ts=translations/skydns_$lang.ts
    # -no-obsolete drops strings that left the sources; -locations none keeps diffs small.
    "$lupdate" -silent -recursive -no-obsolete -locations none -extensions cpp,h \
        -target-language "$lang" console common -ts "$ts"
done
# Show what is left to translate.
for ts in translations/skydns_*.ts; do
    n=$(grep -c 'type="unfinished"' "$ts" || true)
    echo "$ts: $n unfinished"
done
