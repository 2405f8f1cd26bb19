#!/usr/bin/env bash
# Installs what is missing, builds (preset "release", executables in build/bin) and opens the
# app on the bundled sample project (峨溶镇 2023), creating it on the first run.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

bash scripts/build.sh release

sample=build/sample/erong-2023.gpkg
if [ ! -f "$sample" ]; then
    mkdir -p build/sample
    build/bin/gengbao-cli sample "$sample" > /dev/null
    echo "gengbao: wrote the sample project $sample"
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "gengbao: no display. Run it under a virtual one:  xvfb-run -a scripts/run.sh" >&2
    echo "         (the CLI needs none: build/bin/gengbao-cli --help)" >&2
    exit 1
fi
exec build/bin/gengbao "$sample" "$@"
