#!/usr/bin/env bash
# Installs the Debian packages AttentionScope needs (only the missing ones) and builds a Release tree.
# Sourced by scripts/run and scripts/test.
set -euo pipefail

ATTN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ATTN_BUILD="${ATTN_BUILD_DIR:-$ATTN_ROOT/build}"

attn_packages=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-svg-dev qt6-qpa-plugins libgl-dev
    libqcustomplot-dev libeigen3-dev libtorch-dev libopenblas0-pthread libopenblas-dev
    qt6-l10n-tools qt6-tools-dev qt6-translations-l10n
    libgtest-dev libbenchmark-dev
    clang-14 libclang-rt-14-dev
    xvfb xauth fonts-dejavu-core fonts-noto-cjk
    python3-numpy python3-torch
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

# llama2.c's stories260K (MIT) is installed into models/stories260K from shared/data, not kept in git (its
# provenance asks for that). Missing shared data is not an error: the Generate tab then asks for a checkpoint.
attn_install_shared_models() {
    local from="$ATTN_ROOT/../shared/data/tinystories" to="$ATTN_ROOT/models/stories260K"
    local -A sums=(
        [stories260K.bin]=b0a507e7ad0f626624f17112325e66691f9076d622e1d3274d103d00299f2696
        [tok512.bin]=037cb335abb25d1fa9e8ecae30ed2a3a8ace9302862ebcdc05d51a6bbb10c312
    )
    local f
    for f in "${!sums[@]}"; do
        if [[ -f "$to/$f" ]] && sha256sum "$to/$f" | grep -q "^${sums[$f]} "; then
            continue
        fi
        if [[ ! -f "$from/$f" ]]; then
            echo "attnscope: $from/$f not found; the shipped language model (models/stories260K) is not installed" >&2
            return 0
        fi
        if ! sha256sum "$from/$f" | grep -q "^${sums[$f]} "; then
            echo "attnscope: $from/$f does not have the expected sha256; not installed" >&2
            return 0
        fi
        install -m 0644 "$from/$f" "$to/$f"
    done
}

attn_build() {
    attn_install_shared_models
    local jobs
    jobs="$(nproc 2>/dev/null || echo 2)"
    cmake -S "$ATTN_ROOT" -B "$ATTN_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release
    cmake --build "$ATTN_BUILD" --parallel "$jobs"
}
