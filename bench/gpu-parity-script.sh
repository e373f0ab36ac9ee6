#!/usr/bin/env bash
# GPU parity check for CI machines (lavapipe or a real GPU): runs every GPU test with an adapter
# REQUIRED (a missing adapter fails instead of skipping), then a small GPU-vs-CPU benchmark whose
# exit status is non-zero if any kernel misses its parity tolerance.
#   bench/gpu-parity-script.sh            # scale 0.1 benchmark
#   SCALE=1 bench/gpu-parity-script.sh    # realistic sizes (minutes on lavapipe)
set -euo pipefail
cd "$(dirname "$0")/.."
export KILOCURATE_REQUIRE_GPU=1
mapfile -t tests < <(find test/electron/core/gpu -name '*.test.ts' | sort)
node --import tsx --test "${tests[@]}"
node --import tsx electron/core/gpu/gpu-benchmark.ts --scale "${SCALE:-0.1}" --repeats 1
