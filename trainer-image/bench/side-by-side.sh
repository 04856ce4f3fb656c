#!/usr/bin/env bash
# Runs `zarts bench` (DJL, this repository's trainer) and reference_bench.py (PyTorch) on the same configurations,
# interleaved config by config and round by round so both see the same machine, and prints one markdown table
# with the medians over rounds and the DJL / PyTorch ratios. Both use one intra-op thread.
#
# Needs: JDK 17+, Maven (to build the trainer once), and Debian's PyTorch: apt-get install -y python3-torch
# Usage: trainer-image/bench/side-by-side.sh [ROUNDS] [REPEATS]
# Environment: CONFIGS (default "tiny:mgs,rs,gld small:mgs full:none"), PYTHON (default /usr/bin/python3)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds="${1:-2}"
repeats="${2:-3}"
configs="${CONFIGS:-tiny:mgs,rs,gld small:mgs full:none}"
python="${PYTHON:-/usr/bin/python3}"
jar="$root/trainer-image/target/zarts-trainer.jar"
[[ -f "$jar" ]] || (cd "$root" && mvn -B -q -ntp -pl trainer-image -am package -DskipTests)
out="$(mktemp -d)"
export OMP_WAIT_POLICY=PASSIVE
# As ./zarts and the image: glibc keeps freed activation buffers for reuse (the trainer frees intermediates early).
export MALLOC_MMAP_THRESHOLD_=1073741824 MALLOC_TRIM_THRESHOLD_=4294967296
for round in $(seq 1 "$rounds"); do
  for entry in $configs; do
    config="${entry%%:*}"
    strategies="${entry#*:}"
    echo "round $round: $config ($strategies)" >&2
    java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
      -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error \
      -jar "$jar" bench --json --configs "$config" --strategies "$strategies" --repeats "$repeats" \
      > "$out/djl-$round-$config.json" 2> >(grep -v -e NNPACK -e AutoNonVariableTypeMode >&2)
    "$python" "$root/trainer-image/bench/reference_bench.py" --json --configs "$config" \
      --strategies "$strategies" --repeats "$repeats" > "$out/torch-$round-$config.json"
  done
done
"$python" "$root/trainer-image/bench/combine.py" "$out"
