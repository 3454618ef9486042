#!/usr/bin/env bash
# Sourced by run.sh: logctl plan with the sticky PR comment, or lint only
# for pull requests that get no secrets (forks, Dependabot), saying why.

pr_number() {
  jq -r '.pull_request.number // empty' "$GITHUB_EVENT_PATH" 2>/dev/null || true
}

if [ -n "$reason" ]; then
  logctl lint -o github ${policy[@]+"${policy[@]}"} ${extra[@]+"${extra[@]}"} "${paths[@]}" || status=$?
  text="### logctl: plan skipped for \`$key\`

The plan was not made because $reason. Lint ran (exit $status): its findings are annotations on the changed files. A maintainer can push the branch to this repository to get a plan."
  echo "$text" | summary
  echo "::notice title=logctl plan skipped::$reason"
  number=$(pr_number)
  if [ "${LOGCTL_COMMENT:-true}" = true ] && [ -n "$number" ]; then
    url=$(upsert_comment "$number" "$(marker_for plan "$key")" "$text") ||
      echo "::warning title=logctl::could not write the PR comment (a fork's token is read-only)"
    [ -z "${url:-}" ] || echo "PR comment: $url"
  fi
  out exit-code "$status"; out changes false
  exit "$status"
fi

if [ -n "${missing[*]:-}" ]; then
  echo "::warning title=logctl::not set: ${missing[*]}. Map them into the job's env: from secrets, or pass secrets: \${{ toJSON(secrets) }} to the action."
fi
flags=(--detailed-exitcode --out "$work/plan.json")
[ "${LOGCTL_COMMENT:-true}" != true ] || flags+=(--github-comment)
logctl plan "${flags[@]}" ${policy[@]+"${policy[@]}"} ${extra[@]+"${extra[@]}"} "${paths[@]}" || status=$?
out exit-code "$status"
if [ "$status" -ne 0 ] && [ "$status" -ne 2 ]; then exit "$status"; fi
out changes "$([ "$status" -eq 2 ] && echo true || echo false)"
out plan-file "$work/plan.json"
for a in create update replace delete; do
  out "$a" "$(jq -r --arg a "$a" '.plan.summary[$a] // 0' "$work/plan.json")"
done
exit 0
