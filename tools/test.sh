#!/usr/bin/env bash
# Sets up, builds (Release) and runs every test: bash tools/test.sh
# BUILD_DIR (default build-test) and JOBS (default: the number of cores) can be overridden.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$root/build-test}
jobs=${JOBS:-$(nproc)}
bash "$root/tools/setup.sh"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j "$jobs"
cd "$build"
ctest --output-on-failure -j "$jobs"
