#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Screening benchmark: generates any missing synthetic county with the shared peer generator, then
# times `gengbao-cli screen` against the shared peers (geopandas, PyQGIS, qgis_process) side by
# side and checks gengbao's results against them and the coverage-weighted slope reference
# (screen_bench.py).
#
#   tests/bench/run_screen_bench.sh                      # N = 1000 10000 100000
#   tests/bench/run_screen_bench.sh 1000 10000           # a subset of N
#   CLI=/tmp/rel/bin/gengbao-cli MARKDOWN=/tmp/screen.md tests/bench/run_screen_bench.sh
#
# Environment (all optional):
#   CLI        gengbao-cli to measure (default: <repo>/build/bin/gengbao-cli; use a Release build)
#   DATA       folder for the synthetic county (default: /tmp/gengbao-bench-data; keep it out of
#              the repo, ~1 GB for all three N); the slope references are cached there too
#   SHARED     the shared peer benchmark (default: /work/shared/bench)
#   GEN        the shared generator (default: $SHARED/gen_data.py)
#   PYTHON     Debian's Python, with numpy/pandas/GDAL/geopandas/PyQGIS, for the benchmark, the
#              peers and the generator (default: /usr/bin/python3)
#   RUNS       timed gengbao runs per N (default: 5)
#   PEER_RUNS  timed runs per peer and N (default: 3 up to N = 10000, 1 above)
#   PEERS      comma-separated subset of geopandas,pyqgis,qgis_process, or none (default: all)
#   MARKDOWN   also write the result tables to this file
#   JSON       also write every measurement to this file
#   WAIT_QUIET seconds to wait, before each N, for other processes to leave the CPUs (default 0)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
CLI="${CLI:-$repo/build/bin/gengbao-cli}"
DATA="${DATA:-/tmp/gengbao-bench-data}"
SHARED="${SHARED:-/work/shared/bench}"
GEN="${GEN:-$SHARED/gen_data.py}"
PYTHON="${PYTHON:-/usr/bin/python3}"
RUNS="${RUNS:-5}"
WAIT_QUIET="${WAIT_QUIET:-0}"

sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then
    sizes=(1000 10000 100000)
fi

missing=()
for n in "${sizes[@]}"; do
    for file in parcels_$n.{shp,shx,dbf,prj,cpg} redline_$n.gpkg dem_$n.tif slope_$n.tif; do
        if [ ! -f "$DATA/$file" ]; then
            missing+=("$n")
            break
        fi
    done
done
if [ ${#missing[@]} -gt 0 ]; then
    if [ ! -f "$GEN" ]; then
        echo "run_screen_bench: no data for N=${missing[*]} in $DATA and no generator at $GEN" >&2
        exit 1
    fi
    echo "run_screen_bench: generating N=${missing[*]} into $DATA (takes a few minutes)" >&2
    mkdir -p "$DATA"
    "$PYTHON" "$GEN" --out "$DATA" "${missing[@]}"
fi

args=(--cli "$CLI" --data "$DATA" --shared "$SHARED" --runs "$RUNS" --wait-quiet "$WAIT_QUIET")
if [ -n "${PEER_RUNS:-}" ]; then
    args+=(--peer-runs "$PEER_RUNS")
fi
if [ -n "${PEERS:-}" ]; then
    args+=(--peers "$PEERS")
fi
if [ -n "${MARKDOWN:-}" ]; then
    args+=(--markdown "$MARKDOWN")
fi
if [ -n "${JSON:-}" ]; then
    args+=(--json "$JSON")
fi
exec "$PYTHON" "$here/screen_bench.py" "${args[@]}" "${sizes[@]}"
