#!/bin/bash
# bench/heartbeat-hang.sh - heartbeat-detected hang: SIGSTOP -> restarted worker running.
#
#   bench/heartbeat-hang.sh [-n 20] [-i 100] [-t 300] [-w /tmp/respawn-hb-bench]
#
# respawn runs as users run it: the engine and the node agent as two JVMs on loopback
# (built jar: cli/target/respawn-cli-*.jar), the journal with its default fsync, the
# default rules. The one component is a bash worker that appends "<pid> <start_ns>" to a
# state file when it starts, then sends a heartbeat datagram every INTERVAL ms (heartbeat
# {interval: INTERVAL, timeout: TIMEOUT} in the map). Each trial waits until the worker
# has been up 500 ms + a random 0..INTERVAL ms, sends it SIGSTOP at t0 and polls the state
# file every 2 ms for the restarted worker's line (t1). Latency = t1 - t0: the silence
# (TIMEOUT minus the time since the last beat), the engine's decision, the agent killing
# the stopped process and starting the new one, and the new worker's bash start.
#
# Prints every sample and "median p90 max min mean" in ms; keeps the run folder.
set -euo pipefail

N=20 INTERVAL_MS=100 TIMEOUT_MS=300 WORK=/tmp/respawn-hb-bench
while getopts "n:i:t:w:" opt; do
    case $opt in
        n) N=$OPTARG ;; i) INTERVAL_MS=$OPTARG ;; t) TIMEOUT_MS=$OPTARG ;; w) WORK=$OPTARG ;;
        *) echo "usage: $0 [-n trials] [-i interval_ms] [-t timeout_ms] [-w work_dir]" >&2; exit 2 ;;
    esac
done

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_setup "$WORK"

# The worker: its start line, then a beat every INTERVAL ms (bash's /dev/udp, no fork per beat).
bench_worker 'seq=0
while :; do
    seq=$((seq + 1)) now=${EPOCHREALTIME//[!0-9]/}
    printf "HB1 %s %s:%s OK %s %s %s\n" "$RESPAWN_COMPONENT" "$RESPAWN_NODE" "$$" "$seq" \
        "$RESPAWN_HEARTBEAT_TOKEN" "$((now / 1000))" > "/dev/udp/$RESPAWN_HEARTBEAT_HOST/$RESPAWN_HEARTBEAT_PORT"
    read -r -t "$3" -u "$fd" _ || true
done'
printf -v BEAT_SECONDS '%d.%03d' $((INTERVAL_MS / 1000)) $((INTERVAL_MS % 1000))
bench_map 2s "heartbeat: {interval: ${INTERVAL_MS}ms, timeout: ${TIMEOUT_MS}ms}" \
    "$STATE" "$RUN/worker.fifo" "$BEAT_SECONDS"

bench_start

samples=()
for ((i = 1; i <= N; i++)); do
    bench_trial "$i" STOP "$INTERVAL_MS"    # the worker up, beating, for 500 ms + jitter
    pid=$PID t0=$T0
    t1=${LAST##* }
    samples+=($((t1 - t0)))
    printf 'trial %d: %.1f ms\n' "$i" "$(awk -v ns=$((t1 - t0)) 'BEGIN { print ns / 1e6 }')"
    kill -CONT "$pid" 2>/dev/null || true
done

printf '%s\n' "${samples[@]}" > "$RUN/samples.ns"
printf 'heartbeat hang (interval %d ms, timeout %d ms), n=%d: median p90 max min mean (ms)\n' \
    "$INTERVAL_MS" "$TIMEOUT_MS" "$N"
sort -n "$RUN/samples.ns" | awk '
    { v[NR] = $1; s += $1 }
    function q(p,   h, lo) { h = (NR - 1) * p + 1; lo = int(h)
                             if (lo >= NR) return v[NR]
                             return v[lo] + (h - lo) * (v[lo + 1] - v[lo]) }
    END { printf "%.1f %.1f %.1f %.1f %.1f\n", q(0.5) / 1e6, q(0.9) / 1e6, v[NR] / 1e6, v[1] / 1e6, s / NR / 1e6 }'
echo "run folder: $RUN"
