#!/usr/bin/env bash
# The check step of action.yml: runs `zone-sentinel check` once for SARIF and, when asked, once for
# annotations, and writes the step outputs (exit-code, sarif-file, sarif-written) to $GITHUB_OUTPUT.
# Never fails itself: the action's last step fails the job from exit-code, after the SARIF upload.
#
# Inputs come from the environment, as action.yml passes them: ZS_PATHS, ZS_VERSION, ZS_ARGS,
# ZS_SARIF_FILE, ZS_ANNOTATIONS. ZONE_SENTINEL_CLI, when set, is the command to run instead of
# `npx --yes zone-sentinel@$ZS_VERSION` (e.g. `node /path/to/checkout/bin/zone-sentinel.js`, to test a
# local build without the network; test/integration/action.test.ts does).
set -u

if [ -n "${ZONE_SENTINEL_CLI:-}" ]; then
	read -r -a cli <<<"$ZONE_SENTINEL_CLI"
else
	cli=(npx --yes "zone-sentinel@${ZS_VERSION:-latest}")
fi
read -r -a paths <<<"${ZS_PATHS:-.}"
read -r -a extra <<<"${ZS_ARGS:-}"
sarif="${ZS_SARIF_FILE:-zone-sentinel.sarif}"
output="${GITHUB_OUTPUT:-/dev/null}"

status=0
"${cli[@]}" check --format sarif "${extra[@]}" "${paths[@]}" >"$sarif" || status=$?
if [ "${ZS_ANNOTATIONS:-true}" = true ]; then
	# The same check as workflow commands: GitHub turns each line into an annotation on the diff.
	"${cli[@]}" check --format github "${extra[@]}" "${paths[@]}" || true
fi

# A usage error (exit 2) may leave no SARIF log; code scanning must not be sent an empty file.
written=false
if [ -s "$sarif" ]; then written=true; fi
{
	echo "exit-code=$status"
	echo "sarif-file=$sarif"
	echo "sarif-written=$written"
} >>"$output"
echo "zone-sentinel check exited with $status."
exit 0
