#!/bin/bash
# bench/crash-breakdown.sh - where a crash restart's time goes: SIGKILL -> restarted worker running.
#
#   bench/crash-breakdown.sh [-n 30] [-w /tmp/respawn-crash-bench] [-- extra engine options]
#
# respawn runs as users run it (as in the peer harness's adapter, bench/peers/respawn.sh):
# the engine and the node agent as two JVMs on loopback (built jar: cli/target/respawn-cli-*.jar),
# the journal with its default fsync, the default rules. The one component is a bash worker
# that appends "<pid> <start_ns>" to a state file when it starts, then sleeps. Each trial
# waits until the worker has been up 500 ms + a random 0..200 ms, sends it SIGKILL at t0 and
# polls the state file every 2 ms for the new worker's line (t1).
#
# Besides t1 - t0 it splits every trial by the journal's timestamps (the engine's "at",
# the agent's "observedAt"; both clocks are this machine's, millisecond resolution):
#   exit seen    t0 -> the agent has the exit status (process-exited.observedAt)
#   to engine    -> the engine has journaled it (process-exited.at)
#   restarted    -> the agent has started the new process (process-started.observedAt):
#                   the rules' decision, the command's trip, the agent's stop and spawn
#   running      -> the new worker's first line (its bash start)
# Prints every trial and the medians; keeps the run folder.
set -euo pipefail

N=30 WORK=/tmp/respawn-crash-bench
while getopts "n:w:" opt; do
    case $opt in
        n) N=$OPTARG ;; w) WORK=$OPTARG ;;
        *) echo "usage: $0 [-n trials] [-w work_dir] [-- engine options]" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
ENGINE_EXTRA=("$@")

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_setup "$WORK"

bench_worker 'read -r -u "$fd" _'
bench_map 0ms "" "$STATE" "$RUN/worker.fifo"

bench_start "${ENGINE_EXTRA[@]}"

: > "$RUN/trials"
for ((i = 1; i <= N; i++)); do
    bench_trial "$i" KILL 200
    echo "$PID $T0 ${LAST%% *} ${LAST##* }" >> "$RUN/trials"
done
sleep_ms 500    # the last process-started reaches the journal

# ms of the UTC day, from epoch ns or from a journal time (2026-11-27T14:35:22.322Z)
awk '
    function day_ms_ns(ns) { return (ns / 1e6) % 86400000 }
    function day_ms_iso(s,   t) { t = substr(s, 12, 12); return ((substr(t, 1, 2) * 60 + substr(t, 4, 2)) * 60 + substr(t, 7, 6)) * 1000 }
    function field(line, name,   m) { if (match(line, "\"" name "\":\"?[^,\"}]*")) { m = substr(line, RSTART, RLENGTH); sub(/^"[^"]*":"?/, "", m); return m } return "" }
    FILENAME ~ /journal/ {
        if ($0 ~ /"type":"process-exited"/) { p = field($0, "pid"); exited_obs[p] = field($0, "observedAt"); exited_at[p] = field($0, "at") }
        if ($0 ~ /"type":"process-started"/) { p = field($0, "pid"); started_obs[p] = field($0, "observedAt") }
        next
    }
    {
        old = $1; t0 = day_ms_ns($2); new = $3; t1 = day_ms_ns($4)
        a = day_ms_iso(exited_obs[old]) - t0; b = day_ms_iso(exited_at[old]) - day_ms_iso(exited_obs[old])
        c = day_ms_iso(started_obs[new]) - day_ms_iso(exited_at[old]); d = t1 - day_ms_iso(started_obs[new])
        n++; tot[n] = t1 - t0; A[n] = a; B[n] = b; C[n] = c; D[n] = d
        printf "trial %2d: %6.1f ms = exit seen %5.1f + to engine %5.1f + restarted %5.1f + running %5.1f\n", n, t1 - t0, a, b, c, d
    }
    function median(x, k,   i, j, v, tmp) { for (i = 1; i <= k; i++) v[i] = x[i]
        for (i = 2; i <= k; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { tmp = v[j]; v[j] = v[j - 1]; v[j - 1] = tmp }
        return k % 2 ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2 }
    function p90(x, k,   i, j, v, tmp) { for (i = 1; i <= k; i++) v[i] = x[i]
        for (i = 2; i <= k; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { tmp = v[j]; v[j] = v[j - 1]; v[j - 1] = tmp }
        return v[int((k - 1) * 0.9) + 1] }
    END {
        printf "crash restart, n=%d: median %.1f ms (p90 %.1f) = exit seen %.1f + to engine %.1f + restarted %.1f + running %.1f (medians of each part)\n",
            n, median(tot, n), p90(tot, n), median(A, n), median(B, n), median(C, n), median(D, n)
    }' "$RUN/journal.jsonl" "$RUN/trials"
echo "run folder: $RUN"
