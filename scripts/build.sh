#!/usr/bin/env bash
# Installs missing packages, configures and builds one CMake preset (release, ci or dev).
# Used by run.sh and test.sh; a second run installs nothing and rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
preset=${1:?usage: scripts/build.sh PRESET}

bash scripts/deps.sh
log=$(mktemp)
trap 'rm -f "$log"' EXIT
cmake --preset "$preset" > "$log" 2>&1 || { cat "$log"; exit 1; }
cmake --build --preset "$preset" -j "$(nproc)"
