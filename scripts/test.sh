#!/usr/bin/env bash
# Installs what is missing, builds (preset "ci", in build/) and runs every test with ctest.
# Idempotent: a second run installs nothing and rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

bash scripts/deps.sh
cmake --preset ci > build-configure.log 2>&1 || { cat build-configure.log; exit 1; }
rm -f build-configure.log
cmake --build --preset ci -j "$(nproc)"
ctest --preset ci "$@"
