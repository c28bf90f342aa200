#!/usr/bin/env bash
# Startup to first frame, through a real terminal (tmux, 120x40): the time
# from launching COMMAND in a pane to the pane first showing MARKER, the
# median of RUNS runs (7 by default). Compare with another program on the
# same machine, e.g. vim on the text export of the same session:
#
#   benches/startup.sh "target/release/minutes open --read-only /tmp/s10k.ron" "Heritage Forum"
#   benches/startup.sh "vim -u NONE -R /tmp/s10k.txt" "Heritage"
#
# Needs tmux. Each run starts from a blank pane on a tmux server of its own.
set -euo pipefail
command=$1 marker=$2 runs=${3:-7}
socket="minutes-startup-$$"
tmux -L "$socket" new-session -d -x 120 -y 40 "sleep 100000"
trap 'tmux -L "$socket" kill-server 2>/dev/null || true' EXIT
times=()
for ((run = 0; run < runs; run++)); do
    tmux -L "$socket" respawn-pane -k "sleep 100000"
    while [[ -n "$(tmux -L "$socket" capture-pane -p | tr -d '[:space:]')" ]]; do sleep 0.01; done
    start=$(date +%s%N)
    tmux -L "$socket" respawn-pane -k "$command"
    until tmux -L "$socket" capture-pane -p | grep -qF -- "$marker"; do
        if (( $(date +%s%N) - start > 20000000000 )); then
            echo "no '$marker' after 20 s: $command" >&2
            exit 1
        fi
    done
    times+=($(( ($(date +%s%N) - start) / 1000000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "${sorted[$((runs / 2))]} ms median of $runs (${times[*]} ms): $command"
