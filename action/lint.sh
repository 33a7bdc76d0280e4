#!/usr/bin/env bash
# The script of notelint's GitHub Action (action.yml): install notelint, lint the given notes,
# write SARIF for code scanning, print the findings to the log and count them in the job
# summary. It always exits 0 once SARIF is written, so the upload step runs; the action's last
# step fails the job on the exit code recorded here. Inputs come as INPUT_* variables.
set -euo pipefail

sarif="${INPUT_SARIF_FILE:-notelint.sarif}"
python="${INPUT_PYTHON:-python3}"

if [[ "${INPUT_INSTALL:-true}" == "true" ]]; then
    venv="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/notelint-action-venv"
    "$python" -m venv "$venv"
    # By default the action installs its own copy, so the action's ref is notelint's version.
    "$venv/bin/python" -m pip install --quiet "${INPUT_VERSION:-${NOTELINT_ACTION_PATH:?}}"
    notelint="$venv/bin/notelint"
    python="$venv/bin/python"
else
    notelint="$(command -v notelint)" || { echo "::error::notelint is not installed" >&2; exit 2; }
fi

# Paths: one per line (a path may hold spaces), or separated by spaces on one line.
paths=()
if [[ "${INPUT_PATHS:-.}" == *$'\n'* ]]; then
    while IFS= read -r line; do
        [[ -n "${line//[[:space:]]/}" ]] && paths+=("$line")
    done <<< "${INPUT_PATHS}"
else
    read -ra paths <<< "${INPUT_PATHS:-.}"
fi
read -ra extra <<< "${INPUT_ARGS:-}"

status=0
"$notelint" --format sarif "${extra[@]}" -- "${paths[@]}" > "$sarif" || status=$?
if [[ ! -s "$sarif" ]]; then  # a usage error: nothing to upload, say why and stop
    echo "::error::notelint exited $status without writing SARIF" >&2
    exit "$status"
fi

# The log and the job summary, read back from the SARIF just written.
"$python" - "$sarif" <<'PY'
import json, os, sys
from collections import Counter

run = json.load(open(sys.argv[1], encoding="utf-8"))["runs"][0]
levels = Counter()
for result in run["results"]:
    place = result["locations"][0]["physicalLocation"]
    region = place["region"]
    levels[result["level"]] += 1
    message = result["message"]["text"]
    print(f'{place["artifactLocation"]["uri"]}:{region["startLine"]}:{region["startColumn"]}: '
          f'{result["ruleId"]} [{result["level"]}] {message}')
for note in run["invocations"][0].get("toolExecutionNotifications", []):
    print(f'error: {note["message"]["text"]}')
total = sum(levels.values())
counts = ", ".join(f"{n} {level}" for level, n in sorted(levels.items())) or "none"
line = f"notelint: {total} finding{'s' if total != 1 else ''} ({counts})"
print(line)
summary = os.environ.get("GITHUB_STEP_SUMMARY")
if summary:
    with open(summary, "a", encoding="utf-8") as out:
        out.write(f"### notelint\n\n{line}\n")
PY

if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
    {
        echo "sarif-file=$sarif"
        echo "exit-code=$status"
    } >> "$GITHUB_OUTPUT"
fi
