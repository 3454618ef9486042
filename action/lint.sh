#!/usr/bin/env bash
# Sourced by run.sh: logctl lint as annotations, and as SARIF when asked.
logctl lint -o github ${policy[@]+"${policy[@]}"} ${extra[@]+"${extra[@]}"} "${paths[@]}" || status=$?
if [ "${LOGCTL_SARIF:-false}" = true ]; then
  s=0
  logctl lint -o sarif ${policy[@]+"${policy[@]}"} ${extra[@]+"${extra[@]}"} "${paths[@]}" > "$work/lint.sarif" || s=$?
  # 3 is "policy deny": the findings are in the file.
  if [ "$s" -eq 0 ] || [ "$s" -eq 3 ]; then out sarif-file "$work/lint.sarif"; fi
fi
out exit-code "$status"
exit "$status"
