#!/usr/bin/env bash
# Sourced by run.sh: logctl apply --auto-approve; a refusal of the safety
# valve (exit 4) puts its numbers in the job summary, and --force (input
# force) is recorded there.
flags=(--auto-approve)
[ "${LOGCTL_FORCE:-false}" != true ] || flags+=(--force)
if [ -n "${missing[*]:-}" ]; then
  echo "::warning title=logctl::not set: ${missing[*]}. Map them into the job's env: from secrets, or pass secrets: \${{ toJSON(secrets) }} to the action."
fi
logctl apply "${flags[@]}" ${policy[@]+"${policy[@]}"} ${extra[@]+"${extra[@]}"} "${paths[@]}" 2>&1 | tee "$work/apply.log" || status=$?
out exit-code "$status"
if [ "$status" -eq 4 ]; then
  {
    echo "### logctl: apply refused for \`$key\`"
    echo
    echo "The safety valve refused this plan:"
    echo
    echo '```text'
    sed -n '/safety valve refused/,/re-run with --force/p' "$work/apply.log" | sed '1d;$d'
    echo '```'
    echo
    echo "If this is intended, re-run with \`force\` (workflow_dispatch input \`force: true\`), which applies with \`--force\`."
  } | summary
  echo "::error title=logctl apply refused::the safety valve refused the plan for $key; see the job summary"
elif [ "${LOGCTL_FORCE:-false}" = true ]; then
  printf '### logctl: applied `%s` with --force\n\nThe safety valve was passed on request of %s (run %s, exit %s).\n' \
    "$key" "${GITHUB_ACTOR:-unknown}" "${GITHUB_RUN_ID:-?}" "$status" | summary
fi
exit "$status"
