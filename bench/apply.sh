#!/usr/bin/env bash
# Measures the apply target of design §9 with the built binary against
# `logctl emulator serve` (its 20/s quotas on):
#
#   apply, 1,000 creates at a 20/s quota: <= 1.1 x the quota's floor (50 s),
#   zero throttling errors shown to the user
#
# Usage: bench/apply.sh [N]       (default 1000 delivery tasks; OUT=dir keeps files)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000}"
out="${OUT:-$(mktemp -d)}"
mkdir -p "$out"
go build -o "$out/logctl" ./cmd/logctl
rm -rf "$out/config" && go run ./bench/gen -tasks "$n" -exports 0 -dumps 0 -files 1 -out "$out/config" >/dev/null
go run ./bench/worldgen -no-live -out "$out/world.yaml" "$out/config"
rm -f "$out/state.json"
"$out/logctl" emulator serve --addr 127.0.0.1:0 --world "$out/world.yaml" --state "$out/state.json" >"$out/emulator.log" 2>&1 &
emu=$!
trap 'kill $emu 2>/dev/null || true' EXIT
url=""
for _ in $(seq 1 300); do
  url=$(sed -n 's/^listening on //p' "$out/emulator.log" | head -n1)
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "emulator did not start"; cat "$out/emulator.log"; exit 1; }
start=$(date +%s.%N)
env LOGCTL_TENCENT_ENDPOINT="$url" LOGCTL_HUAWEI_ENDPOINT="$url" \
  TENCENTCLOUD_SECRET_ID=AKIDLOGCTLEMULATOR TENCENTCLOUD_SECRET_KEY=logctl-emulator-secret \
  HUAWEICLOUD_SDK_AK=LOGCTLEMULATORAK HUAWEICLOUD_SDK_SK=logctl-emulator-secret \
  EP_ID=id EP_KEY=key EP_TOKEN=tok S3_ID=id S3_KEY=key \
  "$out/logctl" apply --auto-approve --parallelism 8 "$out/config" >"$out/apply.out" 2>"$out/apply.err"
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v n="$n" 'BEGIN {
  secs = e - s; floor = n / 20
  printf "apply of %d creates: %.1fs (floor %.1fs, ratio %.3f)\n", n, secs, floor, secs / floor }'
echo "$(tail -n1 "$out/apply.out")"
echo "throttling errors shown: $(grep -c -i 'RequestLimitExceeded\|throttl' "$out/apply.out" "$out/apply.err" | awk -F: '{s+=$2} END {print s}')"
