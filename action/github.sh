#!/usr/bin/env bash
# Helpers for run.sh: the GitHub REST calls the action makes itself (the
# skipped-plan comment and the drift issue) with curl and jq, so they work
# on any runner and honour GITHUB_API_URL (GitHub Enterprise Server, local
# stand-ins).

die() { echo "::error title=logctl::$*"; exit 1; }

# gh_api METHOD PATH [JSON] prints the response body; fails on HTTP errors.
gh_api() {
  local args=(-fsSL --retry 3 -X "$1" -H "Accept: application/vnd.github+json"
    -H "X-GitHub-Api-Version: 2022-11-28" -H "Authorization: Bearer ${GITHUB_TOKEN:-}")
  if [ $# -ge 3 ]; then args+=(-H "Content-Type: application/json" --data-binary "$3"); fi
  curl "${args[@]}" "${GITHUB_API_URL:-https://api.github.com}$2"
}

# marker_for KIND DIR is the hidden first line that finds logctl's comment
# or issue for DIR; for "plan" it is the marker logctl plan --github-comment
# writes (internal/prcomment.Marker): DIR percent-encoded except letters,
# digits and "/._~-".
marker_for() {
  local dir
  dir=$(jq -rn --arg d "$2" '$d | sub("^(\\./)+"; "") | sub("/+$"; "") | if . == "" then "." else . end | @uri | gsub("%2F"; "/")')
  echo "<!-- logctl:$1 dir=$dir -->"
}

# find_marked LIST_PATH MARKER prints the number (issues) or id (comments)
# of an item whose body starts with MARKER, the newest listed last, paging
# through at most ten pages of 100. LIST_PATH ends in "?" or "&".
find_marked() {
  local page found="" hit batch
  for page in 1 2 3 4 5 6 7 8 9 10; do
    batch=$(gh_api GET "$1per_page=100&page=$page") || return 1
    hit=$(jq -r --arg m "$2" '[.[] | select(.pull_request == null) | select((.body // "") | startswith($m)) | (.number // .id)] | last // empty' <<< "$batch")
    [ -z "$hit" ] || found=$hit
    [ "$(jq length <<< "$batch")" -eq 100 ] || break
  done
  echo "$found"
}

# upsert_comment PR MARKER TEXT keeps one comment bearing MARKER on PR.
upsert_comment() {
  local id body
  body=$(jq -n --arg b "$2"$'\n'"$3" '{body: $b}')
  id=$(find_marked "/repos/$GITHUB_REPOSITORY/issues/$1/comments?" "$2") || return 1
  if [ -n "$id" ]; then
    gh_api PATCH "/repos/$GITHUB_REPOSITORY/issues/comments/$id" "$body" | jq -r .html_url
  else
    gh_api POST "/repos/$GITHUB_REPOSITORY/issues/$1/comments" "$body" | jq -r .html_url
  fi
}

# untrusted_reason prints why the run's pull request gets no plan and no
# secret, if it does not; nothing for runs that are not about a PR.
untrusted_reason() {
  [ -n "${GITHUB_EVENT_PATH:-}" ] && [ -f "$GITHUB_EVENT_PATH" ] || return 0
  jq -e '.pull_request' "$GITHUB_EVENT_PATH" > /dev/null || return 0
  local head author
  head=$(jq -r '.pull_request.head.repo.full_name // empty' "$GITHUB_EVENT_PATH")
  author=$(jq -r '.pull_request.user.login // empty' "$GITHUB_EVENT_PATH")
  if [ -n "$head" ] && [ "$head" != "${GITHUB_REPOSITORY:-}" ]; then
    echo "it comes from the fork $head, and runs for forks get no cloud credentials"
  elif [ "$author" = "dependabot[bot]" ] || [ "${GITHUB_ACTOR:-}" = "dependabot[bot]" ]; then
    echo "Dependabot's runs get no repository secrets and a read-only token"
  fi
}
