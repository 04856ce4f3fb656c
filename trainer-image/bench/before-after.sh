#!/usr/bin/env bash
# Interleaved before/after timings of `zarts bench`: builds the trainer at REV (a git worktree) and uses this
# checkout's build as "after", then runs the two alternately, ROUNDS times each (before, after, before, ...),
# so that both see the same load on a shared machine. Prints each run's JSON line and a table of medians.
#   trainer-image/bench/before-after.sh REV [ROUNDS] [zarts bench options...]
#   e.g. trainer-image/bench/before-after.sh 3891f93 2 --configs tiny --strategies mgs --repeats 3
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rev="${1:?usage: before-after.sh REV [ROUNDS] [bench options]}"
rounds="${2:-2}"
shift $(( $# >= 2 ? 2 : 1 ))
work="$(mktemp -d)"
trap 'git -C "$root" worktree remove --force "$work/before" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git -C "$root" worktree add -q "$work/before" "$rev"
echo "building the trainer at $rev ..." >&2
(cd "$work/before" && mvn -B -q -ntp -o -pl trainer-image -am package -DskipTests -Dspotless.check.skip=true) >&2
[[ -f "$root/trainer-image/target/zarts-trainer.jar" ]] || (cd "$root" && mvn -B -q -ntp -o -pl trainer-image -am package -DskipTests) >&2
export OMP_WAIT_POLICY=PASSIVE MALLOC_MMAP_THRESHOLD_=1073741824 MALLOC_TRIM_THRESHOLD_=4294967296
for ((i = 1; i <= rounds; i++)); do
  for side in before after; do
    jar="$root/trainer-image/target/zarts-trainer.jar"
    [[ "$side" == before ]] && jar="$work/before/trainer-image/target/zarts-trainer.jar"
    echo "round $i: $side" >&2
    java -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -jar "$jar" bench --json "$@" \
      2>/dev/null | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)))' | sed "s/^/$side /" \
      | tee -a "$work/runs.txt"
  done
done
python3 - "$work/runs.txt" <<'PY'
import json, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    side, text = line.split(" ", 1)
    for c in json.loads(text)["configs"]:
        def add(key, value):
            rows.setdefault((c["name"], key), {"before": [], "after": []})[side].append(value)
        add("weight step ms", c["weightStepMs"])
        add("weight step NDArrays", c["weightStepArrays"])
        for strategy, modes in c.get("alphaUpdateMs", {}).items():
            for mode, ms in modes.items():
                add(f"{strategy} {mode} alpha update ms", ms)
        for strategy, modes in c.get("alphaUpdateArrays", {}).items():
            for mode, n in modes.items():
                add(f"{strategy} {mode} alpha update NDArrays", n)
print("| config | what | before (median) | after (median) | after / before |")
print("|---|---|---|---|---|")
for (config, key), v in rows.items():
    b, a = statistics.median(v["before"]), statistics.median(v["after"])
    print(f"| {config} | {key} | {b:.1f} | {a:.1f} | {a / b:.2f} |")
PY
