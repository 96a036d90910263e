#!/bin/sh
# Assemble the dashboard into OUT (default build/web): our files from web/,
# the browser libraries' distribution files from web/node_modules (installed
# with `npm ci` from the committed lock file) and the CAMEO names table.
set -eu
cd "$(dirname "$0")/.."
out=${1:-build/web}
nm=web/node_modules
for f in "$nm/cytoscape/dist/cytoscape.min.js" "$nm/chart.js/dist/chart.umd.min.js" \
    "$nm/world-atlas/countries-110m.json"; do
    [ -r "$f" ] || { echo "web/build.sh: $f missing: run 'cd web && npm ci'" >&2; exit 1; }
done
rm -rf "$out.tmp"
mkdir -p "$out.tmp/src" "$out.tmp/vendor"
cp web/index.html web/style.css "$out.tmp/"
cp web/src/*.js "$out.tmp/src/"
cp "$nm/cytoscape/dist/cytoscape.min.js" "$nm/chart.js/dist/chart.umd.min.js" "$out.tmp/vendor/"
cp "$nm/cytoscape/LICENSE" "$out.tmp/vendor/cytoscape.LICENSE"
cp "$nm/chart.js/LICENSE.md" "$out.tmp/vendor/chart.js.LICENSE.md"
cp data/cameo/codes.tsv "$out.tmp/cameo.tsv"
# the map: world-atlas country shapes (Natural Earth, via npm) and dyad's
# country table (alpha-3 -> the shapes' numeric ids)
cp "$nm/world-atlas/countries-110m.json" "$out.tmp/vendor/"
cp "$nm/world-atlas/LICENSE" "$out.tmp/vendor/world-atlas.LICENSE"
cp data/geo/countries.tsv "$out.tmp/countries.tsv"
rm -rf "$out"
mv "$out.tmp" "$out"
