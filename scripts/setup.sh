#!/usr/bin/env bash
# Installs the Debian packages AttentionScope needs (only the missing ones) and builds a Release tree.
# Sourced by scripts/run and scripts/test.
set -euo pipefail

ATTN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ATTN_BUILD="${ATTN_BUILD_DIR:-$ATTN_ROOT/build}"

attn_packages=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-svg-dev qt6-qpa-plugins libgl-dev
    libqcustomplot-dev libeigen3-dev libtorch-dev libopenblas0-pthread
    qt6-l10n-tools qt6-tools-dev
    libgtest-dev libbenchmark-dev
    xvfb xauth fonts-dejavu-core fonts-noto-cjk
)

attn_install_packages() {
    local missing=()
    for p in "${attn_packages[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$p")
        fi
    done
    if ((${#missing[@]} == 0)); then
        return 0
    fi
    echo "attnscope: installing missing packages: ${missing[*]}"
    local sudo=""
    if [[ $(id -u) -ne 0 ]]; then
        if command -v sudo >/dev/null; then
            sudo="sudo"
        else
            echo "attnscope: need root or sudo to install: ${missing[*]}" >&2
            exit 1
        fi
    fi
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

attn_build() {
    local jobs
    jobs="$(nproc 2>/dev/null || echo 2)"
    cmake -S "$ATTN_ROOT" -B "$ATTN_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release
    cmake --build "$ATTN_BUILD" --parallel "$jobs"
}
