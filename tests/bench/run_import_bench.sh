#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Import benchmark: generates any missing synthetic parcels with the shared peer generator, then
# times `gengbao-cli import` against `ogr2ogr -f GPKG` side by side (import_bench.py).
#
#   tests/bench/run_import_bench.sh                      # N = 1000 10000 100000, 5 runs each
#   tests/bench/run_import_bench.sh 1000 10000           # a subset of N
#   CLI=/tmp/rel/bin/gengbao-cli MARKDOWN=/tmp/import.md tests/bench/run_import_bench.sh
#
# Environment (all optional):
#   CLI        gengbao-cli to measure (default: <repo>/build/bin/gengbao-cli; use a Release build)
#   DATA       folder for parcels_N.shp (default: /tmp/gengbao-bench-data; keep it out of the repo,
#              the generator also writes DEMs there, ~1 GB for all three N)
#   GEN        the shared generator (default: /work/shared/bench/gen_data.py)
#   GEN_PYTHON Python with numpy/GDAL/pyproj/shapely for the generator (default: /usr/bin/python3)
#   RUNS       timed runs per tool and N (default: 5)
#   MARKDOWN   also write the result table to this file
#   JSON       also write every measurement to this file
#   WAIT_QUIET seconds to wait, before each N, for other processes to leave the CPUs (default 0)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
CLI="${CLI:-$repo/build/bin/gengbao-cli}"
DATA="${DATA:-/tmp/gengbao-bench-data}"
GEN="${GEN:-/work/shared/bench/gen_data.py}"
GEN_PYTHON="${GEN_PYTHON:-/usr/bin/python3}"
RUNS="${RUNS:-5}"
WAIT_QUIET="${WAIT_QUIET:-0}"

sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then
    sizes=(1000 10000 100000)
fi

missing=()
for n in "${sizes[@]}"; do
    for ext in shp shx dbf prj cpg; do
        if [ ! -f "$DATA/parcels_$n.$ext" ]; then
            missing+=("$n")
            break
        fi
    done
done
if [ ${#missing[@]} -gt 0 ]; then
    if [ ! -f "$GEN" ]; then
        echo "run_import_bench: no data for N=${missing[*]} in $DATA and no generator at $GEN" >&2
        exit 1
    fi
    echo "run_import_bench: generating N=${missing[*]} into $DATA (takes a few minutes)" >&2
    mkdir -p "$DATA"
    "$GEN_PYTHON" "$GEN" --out "$DATA" "${missing[@]}"
fi

args=(--cli "$CLI" --data "$DATA" --runs "$RUNS" --wait-quiet "$WAIT_QUIET")
if [ -n "${MARKDOWN:-}" ]; then
    args+=(--markdown "$MARKDOWN")
fi
if [ -n "${JSON:-}" ]; then
    args+=(--json "$JSON")
fi
exec python3 "$here/import_bench.py" "${args[@]}" "${sizes[@]}"
