#!/usr/bin/env bash
# Writes tests/data/schema/vN.gpkg, a small project of the CURRENT schema version N, made by the
# current gengbao-cli. Run it once whenever the schema version goes up (after the migration is
# written), and commit the file: the migration test opens a file of every earlier version.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
cli=${CLI:-build/bin/gengbao-cli}
version=$(sed -n 's/.*kCurrentVersion = \([0-9]*\);.*/\1/p' src/core/db/migrations.h)
out=tests/data/schema/v$version.gpkg
[ -e "$out" ] && { echo "$out exists; a fixture is made once, by the version it is named after" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Three parcels of the sample, in GBK, as the county would send them.
ogr2ogr -f "ESRI Shapefile" -lco ENCODING=CP936 "$work/three.shp" data/sample/potential_2023.shp \
    -where "BSM IN ('500241202300010001','500241202300010002','500241202300010003')"
"$cli" new "$work/p.gpkg" --town 峨溶镇 --county 秀山县 --year 2023 --target 465.17 --crs EPSG:4545 > /dev/null
"$cli" import "$work/p.gpkg" "$work/three.shp" --batch 首批 > /dev/null
# From version 2 on, a screening run too, so later migrations meet its tables filled.
if [ "$version" -ge 2 ]; then
    "$cli" screen "$work/p.gpkg" --redline data/sample/redline.gpkg --dem data/sample/dem.tif > /dev/null
fi
# From version 3 on, a stored plan with a village task.
if [ "$version" -ge 3 ]; then
    "$cli" set-task "$work/p.gpkg" 峨溶居委会 115.17 --remarks 示例 > /dev/null
fi
# From version 4 on, a parcel on its way (stage history and audit log filled).
if [ "$version" -ge 4 ]; then
    "$cli" advance "$work/p.gpkg" 500241202300010001 selected --date 2023-04-18 --doc 示例-1 > /dev/null
    "$cli" advance "$work/p.gpkg" 500241202300010001 restoring --date 2023-04-25 > /dev/null
fi
# From version 5 on, reference layers: the screening's red line (above) and village boundaries.
if [ "$version" -ge 5 ]; then
    "$cli" add-layer "$work/p.gpkg" data/sample/villages.gpkg --kind village > /dev/null
fi
sqlite3 "$work/p.gpkg" "PRAGMA journal_mode = DELETE; VACUUM;" > /dev/null
mkdir -p tests/data/schema
cp "$work/p.gpkg" "$out"
echo "wrote $out"
