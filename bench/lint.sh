#!/usr/bin/env bash
# Times `logctl lint` on the design §9 workloads: 10,000 delivery tasks,
# 1,000 exports and 1,000 dumps in one file (target ≤ 2 s on two cores) and
# the same resources over 100 files (target ≤ 1.2 s).
#
#   bench/lint.sh [RUNS]      # default 5 runs per workload
#
# Uses hyperfine when it is installed, else a loop over /usr/bin/time (or
# bash's time). Everything goes to bench/out/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-5}"
out=bench/out
mkdir -p "$out"

echo "--- building logctl"
go build -o "$out/logctl" ./cmd/logctl

for files in 1 100; do
  dir="$out/workload-$files"
  if [ ! -d "$dir" ]; then
    echo "--- generating $dir"
    go run ./bench/gen -tasks 10000 -exports 1000 -dumps 1000 -files "$files" -out "$dir"
  fi
done

# A clean workload must lint with exit 0; anything else is not a fair timing.
for files in 1 100; do
  "$out/logctl" lint "$out/workload-$files" >/dev/null
done

if command -v hyperfine >/dev/null; then
  hyperfine --warmup 1 --runs "$runs" \
    -n "lint, 1 file" "$out/logctl lint $out/workload-1" \
    -n "lint, 100 files" "$out/logctl lint $out/workload-100"
  exit 0
fi

for files in 1 100; do
  echo "--- logctl lint, $files file(s), $runs runs"
  for _ in $(seq "$runs"); do
    if [ -x /usr/bin/time ]; then
      /usr/bin/time -f "%e s wall, %U s user, %M KiB max RSS" "$out/logctl" lint "$out/workload-$files" >/dev/null
    else
      time "$out/logctl" lint "$out/workload-$files" >/dev/null
    fi
  done
done
