#!/usr/bin/env bash
# Installs what is missing, builds (preset "ci", in build/) and runs every test with ctest.
# Idempotent: a second run installs nothing and rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

bash scripts/build.sh ci
ctest --preset ci "$@"
