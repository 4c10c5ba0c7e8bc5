#!/usr/bin/env bash
# Drive the app in tmux as a person would, at 80x24 and 160x45, through every view; print each screen.
# Usage: scripts/tui_smoke.sh [DATASET]   (default sample_datasets/support_chat.jsonl)
# Env: PYTHON (default: python3), WAIT (seconds for the analysis, default 25). Needs tmux.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${1:-sample_datasets/support_chat.jsonl}"
PY="${PYTHON:-python3}"
WAIT="${WAIT:-90}"
SESSION="ftready-smoke-$$"
TMP="$(mktemp -d)"
trap 'tmux kill-session -t "$SESSION" 2>/dev/null || true; rm -rf "$TMP"' EXIT

shot() {  # shot TITLE
    echo "===== $1 ====="
    tmux capture-pane -p -t "$SESSION"
}
keys() { tmux send-keys -t "$SESSION" "$@"; sleep "${PAUSE:-2}"; }

for size in 80x24 160x45; do
    w="${size%x*}"; h="${size#*x}"
    # an empty user pricing folder of its own, so that the run does not depend on this machine's settings
    mkdir -p "$TMP/pricing"
    tmux new-session -d -s "$SESSION" -x "$w" -y "$h" \
        "cd '$TMP' && FTREADY_PRICING_DIR='$TMP/pricing' FTREADY_NO_CONFIG=1 PYTHONPATH='$PWD/src' \
         '$PY' -m ftready '$PWD/$DATA'; echo exit=\$?; sleep 30"
    for _ in $(seq "$WAIT"); do  # wait for the first paint, then for the verdict
        sleep 1
        screen="$(tmux capture-pane -p -t "$SESSION")"
        if grep -q "ftready" <<<"$screen" && ! grep -qi "analysing" <<<"$screen"; then break; fi
    done
    sleep 1
    shot "$size overview"
    keys Enter; shot "$size enter on the overview (opens the top finding)"
    keys 2; keys /; keys F T 3; keys Escape; shot "$size findings: FT3 filter, escape left it"
    keys 3; shot "$size duplicates"
    keys n; shot "$size duplicates: n jumps to the next change"
    keys 4; shot "$size data"
    keys 5; shot "$size costs"
    keys e; shot "$size costs: editing the assumptions"
    keys Escape; keys 6; shot "$size pricing"
    keys t; shot "$size pricing: editor"
    keys Escape; shot "$size pricing: escape closed the editor"
    keys x; shot "$size export dialog"
    keys Escape; keys '?'; shot "$size help"
    keys Escape; keys q; sleep 1; shot "$size after q"
    tmux kill-session -t "$SESSION" 2>/dev/null || true
done
echo "===== a missing file ====="
sleep 1
set +e
tmux new-session -d -s "$SESSION" -x 80 -y 5 \
    "PYTHONPATH='$PWD/src' '$PY' -m ftready '$TMP/nope.jsonl'; echo exit=\$?; sleep 5"
sleep 4
tmux capture-pane -p -t "$SESSION" | grep -v '^$'
tmux kill-session -t "$SESSION" 2>/dev/null || true
