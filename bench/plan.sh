#!/usr/bin/env bash
# Measures the plan targets of design §9 end to end, with the built binary
# against `logctl emulator serve` (20 ms latency per call, rate limits on):
#
#   plan of 10 zones x 1,000 tasks + 10 topics x 100 exports + 1 project x
#   1,000 dumps, everything already live: < 3 s
#   plan of 100,000 resources, all live (no change), in 100 zones, 50 topics
#   and 1 project (§9's shape: some 300 reads, whose quota floor is ~6 s):
#   ≤ 20 s
#   plan of 100,000 resources in 10 zones and 10 topics (the largest
#   targets), all live and none live (all create): < 512 MiB RSS each
#   (the three with PLAN_BIG=1)
#
# Usage: bench/plan.sh            (OUT=dir to keep the files)
#        RUNS=5 bench/plan.sh     each plan five times against the same
#                                 emulator: max RSS varies by some 30 MiB
#                                 from run to run
#
# logctl does not tune the garbage collector: the runtime's defaults are
# what these figures measure (GOGC and GOMEMLIMIT pass through, for a
# user who trades memory for time).
#
# The emulator sizes its exports before it listens (a 10,000-export world
# takes it some 20 s of CPU), so that none of its work falls inside the
# measured plan: the clouds' servers do not share the client's cores.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${OUT:-$(mktemp -d)}"
mkdir -p "$out"
go build -o "$out/logctl" ./cmd/logctl

measure() { # name tasks exports dumps [gen flags [worldgen flags: -no-live for all-create]]
  local name=$1 dir="$out/$1"
  rm -rf "$dir" && mkdir -p "$dir"
  # shellcheck disable=SC2086 # the flags are words
  go run ./bench/gen -tasks "$2" -exports "$3" -dumps "$4" ${5:-} -files 1 -out "$dir/config" >/dev/null
  # shellcheck disable=SC2086
  go run ./bench/worldgen ${6:-} -out "$dir/world.yaml" "$dir/config"
  "$out/logctl" emulator serve --addr 127.0.0.1:0 --world "$dir/world.yaml" --latency 20ms \
    --state "$dir/state.json" >"$dir/emulator.log" 2>&1 &
  local emu=$!
  trap 'kill $emu 2>/dev/null || true' RETURN
  local url=""
  # Seeding a large world (PLAN_BIG: an 80 MB file) takes some seconds.
  for _ in $(seq 1 6000); do
    url=$(sed -n 's/^listening on //p' "$dir/emulator.log" | head -n1)
    [ -n "$url" ] && break
    sleep 0.1
  done
  [ -n "$url" ] || { echo "emulator did not start:"; cat "$dir/emulator.log"; return 1; }
  local run runs=${RUNS:-1}
  for run in $(seq 1 "$runs"); do
    # The live secrets of the world are "bench-NAME" (bench/worldgen).
    env LOGCTL_TENCENT_ENDPOINT="$url" LOGCTL_HUAWEI_ENDPOINT="$url" \
      TENCENTCLOUD_SECRET_ID=AKIDLOGCTLEMULATOR TENCENTCLOUD_SECRET_KEY=logctl-emulator-secret \
      HUAWEICLOUD_SDK_AK=LOGCTLEMULATORAK HUAWEICLOUD_SDK_SK=logctl-emulator-secret \
      EP_ID=bench-EP_ID EP_KEY=bench-EP_KEY EP_TOKEN=bench-EP_TOKEN S3_ID=bench-S3_ID S3_KEY=bench-S3_KEY \
      /usr/bin/time -f "%e %M" -o "$dir/time.txt" \
      "$out/logctl" plan --detailed-exitcode "$dir/config" >"$dir/plan.txt" 2>"$dir/plan.err" || {
        code=$?; [ $code -eq 2 ] || { echo "plan failed ($code):"; tail -n 20 "$dir/plan.err"; return 1; }; }
    # time(1) puts "Command exited with non-zero status 2" first when changes are pending.
    read -r secs kib < <(tail -n1 "$dir/time.txt")
    [ "$run" -gt 1 ] || echo "$name: $(tail -n1 "$dir/plan.txt")"
    echo "$name: wall ${secs}s, max RSS $((kib / 1024)) MiB (load $(cut -d' ' -f1-3 /proc/loadavg))"
  done
}

measure plan-12k 10000 1000 1000
if [ "${PLAN_BIG:-0}" = 1 ]; then
  measure plan-100k-s9 80000 10000 10000 "-zones 100 -topics 50"
  measure plan-100k 80000 10000 10000
  measure plan-100k-create 80000 10000 10000 "" -no-live
fi
