#!/usr/bin/env bash
# Times `conftest test` with the built-in policies against `logctl lint` on
# the design §9 workload: 10,000 delivery tasks, 1,000 exports and 1,000
# dumps in one file (sizes can be changed through the environment).
#
#   bench/conftest.sh            # from the repository root or anywhere
#   TASKS=2000 bench/conftest.sh # a smaller run
#
# Everything it writes goes to bench/out/ (ignored by git).
set -euo pipefail

cd "$(dirname "$0")/.."
out=bench/out
tasks=${TASKS:-10000}
exports=${EXPORTS:-1000}
dumps=${DUMPS:-1000}
conftest_version=${CONFTEST_VERSION:-v0.71.1}

mkdir -p "$out/bin"
export PATH="$PWD/$out/bin:$PATH"

echo "building logctl"
go build -o "$out/bin/logctl" ./cmd/logctl

if ! command -v conftest >/dev/null; then
	echo "installing conftest $conftest_version"
	GOBIN="$PWD/$out/bin" go install "github.com/open-policy-agent/conftest@$conftest_version"
fi

workload="$out/workload-$tasks-$exports-$dumps"
rm -rf "$workload"
go run ./bench/gen -tasks "$tasks" -exports "$exports" -dumps "$dumps" -files 1 -out "$workload"
file="$workload/workload-0000.yaml"
echo "workload: $file ($(du -h "$file" | cut -f1))"

# seconds runs a command and prints its wall time in seconds; the command's
# own output goes to $out/<name>.log.
seconds() {
	local name=$1
	shift
	local start end
	start=$(date +%s%N)
	if ! "$@" >"$out/$name.log" 2>&1; then
		echo "$name failed, see $out/$name.log" >&2
		tail -n 20 "$out/$name.log" >&2
		exit 1
	fi
	end=$(date +%s%N)
	awk -v ns=$((end - start)) 'BEGIN { printf "%.2f", ns / 1e9 }'
}

lint=$(seconds logctl-lint logctl lint "$file")
echo "logctl lint:                 ${lint} s"
conftest=$(seconds conftest conftest test --all-namespaces -p policy/builtin "$file")
echo "conftest test (same rules):  ${conftest} s"
awk -v c="$conftest" -v l="$lint" 'BEGIN { printf "logctl is %.1fx faster\n", c / l }'
