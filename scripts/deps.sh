#!/usr/bin/env bash
# Installs the Debian 12 packages Gengbao needs, and nothing when they are all present.
# Sourced by run.sh and test.sh; safe to run on its own.
set -euo pipefail

# Build toolchain and libraries (headers + CMake configs).
GENGBAO_BUILD_PACKAGES=(
    cmake ninja-build g++ pkg-config
    libgdal-dev libgeos-dev libproj-dev libsqlite3-dev
    nlohmann-json3-dev catch2 libxlsxwriter-dev
    libssl-dev
    qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qt6-charts-dev qt6-svg-dev libqt6opengl6-dev libgl-dev
)
# Used by the tests and by running the app: GDAL's command line and validate_gpkg.py,
# a virtual display, CJK fonts for printing, PDF tools to check printed output.
GENGBAO_RUNTIME_PACKAGES=(
    gdal-bin python3-gdal sqlite3
    xvfb xauth fonts-noto-cjk poppler-utils
    qt6-translations-l10n
)

missing=()
for pkg in "${GENGBAO_BUILD_PACKAGES[@]}" "${GENGBAO_RUNTIME_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

echo "gengbao: installing ${#missing[@]} missing Debian packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
