#!/usr/bin/env bash
# Sourced by run.sh: logctl plan --detailed-exitcode; drift (exit 2) opens
# or updates one issue per path, found by a hidden marker, and a clean
# check closes it.
logctl plan --detailed-exitcode -o markdown ${policy[@]+"${policy[@]}"} ${extra[@]+"${extra[@]}"} "${paths[@]}" > "$work/drift.md" || status=$?
out exit-code "$status"
if [ "$status" -ne 0 ] && [ "$status" -ne 2 ]; then exit "$status"; fi
out changes "$([ "$status" -eq 2 ] && echo true || echo false)"
[ "${LOGCTL_DRIFT_ISSUE:-true}" = true ] || exit 0

marker=$(marker_for drift "$key")
run_url="${GITHUB_SERVER_URL:-https://github.com}/$GITHUB_REPOSITORY/actions/runs/${GITHUB_RUN_ID:-0}"
number=$(find_marked "/repos/$GITHUB_REPOSITORY/issues?state=open&" "$marker") || die "could not list the open issues"
if [ "$status" -eq 0 ]; then
  echo "No drift in $key."
  if [ -n "$number" ]; then
    gh_api POST "/repos/$GITHUB_REPOSITORY/issues/$number/comments" \
      "$(jq -n --arg b "No drift any more (checked by [this run]($run_url))." '{body: $b}')" > /dev/null || die "could not comment on issue #$number"
    gh_api PATCH "/repos/$GITHUB_REPOSITORY/issues/$number" '{"state": "closed", "state_reason": "completed"}' > /dev/null ||
      die "could not close issue #$number"
    echo "Closed the drift issue #$number."
  fi
  exit 0
fi

echo "::warning title=logctl drift::live state differs from $key"
# An issue body holds 65,536 characters: keep well inside it.
text="$marker
Live state no longer matches \`$key\` on \`${GITHUB_REF_NAME:-the default branch}\` (found by [this run]($run_url)). Apply the configuration again, or change it to match; the next clean check closes this issue.

$(head -c 60000 "$work/drift.md")"
body=$(jq -n --arg t "logctl drift: $key" --arg b "$text" '{title: $t, body: $b}')
if [ -n "$number" ]; then
  url=$(gh_api PATCH "/repos/$GITHUB_REPOSITORY/issues/$number" "$body" | jq -r .html_url) || die "could not update issue #$number"
else
  url=$(gh_api POST "/repos/$GITHUB_REPOSITORY/issues" "$body" | jq -r .html_url) || die "could not open the drift issue"
fi
out drift-issue "$url"
echo "Drift issue: $url"
exit 0
