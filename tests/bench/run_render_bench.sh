#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Map rendering benchmark: report::MapPainter (gengbao_render_bench) and QGIS
# (render_peer_qgis.py) drawing the same screened 100k-parcel project at the same views, in the
# same run. Prepares the project once: `gengbao-cli new`, `import parcels_N.shp`, `screen` with the
# red line and the DEM of the shared synthetic county (so there are verdicts to colour, a red line
# and a hillshade), kept in DATA for later runs.
#
#   tests/bench/run_render_bench.sh                    # N = 100000
#   BUILD=/tmp/rel RUNS=9 tests/bench/run_render_bench.sh 10000
#
# Environment (all optional):
#   BUILD    build tree with bin/gengbao-cli and bin/gengbao_render_bench (default: <repo>/build;
#            use an optimised build: the ci or release preset)
#   DATA     the synthetic county (default: /tmp/gengbao-bench-data; see tests/bench/README.md)
#   PYTHON   Debian's Python with PyQGIS (default: /usr/bin/python3)
#   RUNS     timed renders per view and tool (default: 9)
#   PEER     set to "none" to leave QGIS out
#   OUT      folder for the JSON results (default: a temporary folder, printed)
#   WAIT_QUIET  seconds to wait at most for the machine to be quiet (1-minute load average under
#            0.3) before measuring (default: 0)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
BUILD="${BUILD:-$repo/build}"
DATA="${DATA:-/tmp/gengbao-bench-data}"
PYTHON="${PYTHON:-/usr/bin/python3}"
RUNS="${RUNS:-9}"
n="${1:-100000}"
cli="$BUILD/bin/gengbao-cli"
bench="$BUILD/bin/gengbao_render_bench"
for tool in "$cli" "$bench"; do
    if [ ! -x "$tool" ]; then
        echo "run_render_bench: $tool missing (build the ci preset first)" >&2
        exit 1
    fi
done
for file in parcels_$n.shp redline_$n.gpkg dem_$n.tif; do
    if [ ! -f "$DATA/$file" ]; then
        echo "run_render_bench: $DATA/$file missing (generate the county: tests/bench/README.md)" >&2
        exit 1
    fi
done

project="$DATA/render_$n.gpkg"
if [ ! -f "$project" ] || [ "$DATA/parcels_$n.shp" -nt "$project" ]; then
    echo "run_render_bench: preparing $project (import and screen $n parcels)" >&2
    rm -f "$project" "$project.part"
    "$cli" new "$project.part" --town 峨溶镇 --year 2023 --target 1 --crs EPSG:4545 >/dev/null
    "$cli" import "$project.part" "$DATA/parcels_$n.shp" >/dev/null
    "$cli" screen "$project.part" --redline "$DATA/redline_$n.gpkg" --dem "$DATA/dem_$n.tif" >/dev/null
    mv "$project.part" "$project"
fi

waited=0
while [ "$waited" -lt "${WAIT_QUIET:-0}" ] && \
      awk '{ exit !($1 >= 0.3) }' /proc/loadavg; do
    sleep 10
    waited=$((waited + 10))
done
echo "load average when starting: $(cut -d' ' -f1-3 /proc/loadavg)"

OUT="${OUT:-$(mktemp -d /tmp/render-bench.XXXXXX)}"
mkdir -p "$OUT"
echo "## gengbao (report::MapPainter)"
QT_QPA_PLATFORM=offscreen "$bench" "$project" --runs "$RUNS" --json "$OUT/gengbao.json"
if [ "${PEER:-}" != "none" ]; then
    echo
    echo "## QGIS on the same file and views"
    "$PYTHON" "$here/render_peer_qgis.py" "$project" "$OUT/gengbao.json" --runs "$RUNS" \
        --json "$OUT/qgis.json"
fi
echo
echo "results: $OUT"
