#!/usr/bin/env bash
# Runs one logctl command for action.yml from the repository root and turns
# its result into step outputs, the job summary, the sticky PR comment and
# the drift issue. Exit codes: lint and apply fail the step on any non-zero
# code; plan and drift treat 2 (changes) as success.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=action/github.sh
. "$here/github.sh"

cd "$GITHUB_WORKSPACE"
command="${LOGCTL_COMMAND:-plan}"
read -ra paths <<< "$(echo "${LOGCTL_PATH:-.}" | tr '\n' ' ')"
[ -n "${paths[*]:-}" ] || paths=(.)
read -ra extra <<< "${LOGCTL_ARGS:-}"
policy=()
while IFS= read -r dir; do
  [ -n "${dir// /}" ] && policy+=(--policy "$dir")
done <<< "${LOGCTL_POLICY:-}"
# The key names this path in files, the comment marker and the drift issue.
key="${paths[*]}"
work="$RUNNER_TEMP/logctl/$(echo "$key" | tr -c 'A-Za-z0-9._-' '-')"
mkdir -p "$work"

out() { echo "$1=$2" >> "$GITHUB_OUTPUT"; }
summary() { [ -z "${GITHUB_STEP_SUMMARY:-}" ] || cat >> "$GITHUB_STEP_SUMMARY"; }

# The vendor SDKs read these; they are never ${env:} references.
credentials="TENCENTCLOUD_SECRET_ID TENCENTCLOUD_SECRET_KEY TENCENTCLOUD_SESSION_TOKEN
HUAWEICLOUD_SDK_AK HUAWEICLOUD_SDK_SK HUAWEICLOUD_SDK_PROJECT_ID"

# export_secrets exports, from the secrets JSON, exactly the variables the
# files reference plus the cloud credentials, each value masked line by
# line first. Variables already set in the job's env: win.
export_secrets() {
  local names="$1" n value line
  for n in $names $credentials; do
    [ -z "${!n:-}" ] || continue
    value=$(jq -r --arg n "$n" '.[$n] // empty' <<< "$LOGCTL_SECRETS_JSON") || die "input secrets is not a JSON object"
    [ -n "$value" ] || continue
    while IFS= read -r line; do [ -z "$line" ] || echo "::add-mask::$line"; done <<< "$value"
    export "$n=$value"
  done
}

# Files that do not load list nothing here; the command reports why.
names=$(logctl vars --names "${paths[@]}" 2>/dev/null) || names=""
# A pull request from a fork or by Dependabot gets lint only, and never a
# secret: its files and policies are not trusted with them.
reason=$(untrusted_reason)
if [ -n "${LOGCTL_SECRETS_JSON:-}" ] && [ -z "$reason" ]; then
  export_secrets "$names"
fi
unset LOGCTL_SECRETS_JSON
missing=()
for n in $names; do
  if [ -z "${!n:-}" ]; then missing+=("$n"); else
    while IFS= read -r line; do [ -z "$line" ] || echo "::add-mask::$line"; done <<< "${!n}"
  fi
done

status=0
case "$command" in
  lint) . "$here/lint.sh" ;;
  plan) . "$here/plan.sh" ;;
  apply) . "$here/apply.sh" ;;
  drift) . "$here/drift.sh" ;;
  *) die "command '$command': want lint, plan, apply or drift" ;;
esac
