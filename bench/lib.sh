# bench/lib.sh - what bench/heartbeat-hang.sh and bench/crash-breakdown.sh share: a run
# folder, millisecond sleeps without forks, and respawn's engine and agent as two JVMs on
# loopback, as users run them (with RESPAWN_JAVA_OPTS added to both JVMs). Sourced, not run.
#
#   bench_setup WORK          RUN (a new folder in WORK), STATE (the worker's start lines), JAR, PORT_BASE
#   bench_worker BODY         $RUN/worker.sh: appends "<pid> <start_ns>" to its first argument, opens its second
#                             (the fifo $RUN/worker.fifo, made here) as $fd, then runs BODY (bash)
#   bench_map GRACE EXTRA [ARG...]
#                             $RUN/map.yaml: node "bench", the worker alone in group "bench", started as
#                             worker.sh ARG..., startupGrace GRACE, EXTRA (a YAML line, or "") under it
#   bench_start [ENGINE_OPTION...]
#                             the engine on $RUN/map.yaml (write it first) and the agent of node "bench";
#                             waits until the agent's link is journaled up; both are stopped on exit
#   bench_trial N SIGNAL JITTER_MS
#                             waits until the worker has been up 500 ms, then 0..JITTER_MS more, sends it
#                             SIGNAL and waits for the restarted worker's start line; sets PID (the old
#                             worker), T0 (the signal, epoch ns), LAST (the new worker's line)
#   sleep_ms MS, now_ns (sets NOW), last_line (sets LAST to the state file's last line)

bench_setup() {
    local home
    home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    JAR=$(ls "$home"/cli/target/respawn-cli-*.jar 2>/dev/null | grep -v -- -sources | head -n 1 || true)
    [[ -n $JAR ]] || { echo "respawn not built: mvn -q -B -o -pl cli -am package -DskipTests" >&2; exit 1; }
    RUN=$1/$(date +%Y%m%d-%H%M%S)
    mkdir -p "$RUN"
    STATE=$RUN/state
    : > "$STATE"
    mkfifo "$RUN/sleep.fifo"
    exec {SLEEP_FD}<> "$RUN/sleep.fifo"
    PORT_BASE=$((20000 + RANDOM % 20000))
    head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$RUN/secret"
    BENCH_PIDS=()
    trap bench_stop EXIT INT TERM
}

sleep_ms() { local t; printf -v t '%d.%03d' $(($1 / 1000)) $(($1 % 1000)); read -r -t "$t" -u "$SLEEP_FD" _ || true; }
now_ns() { NOW=${EPOCHREALTIME//[!0-9]/}000; }
last_line() { local l=; while read -r l; do LAST=$l; done < "$STATE"; }

bench_worker() {
    {
        cat <<'WORKER'
#!/bin/bash
t=${EPOCHREALTIME//[!0-9]/}
printf '%s %s000\n' "$$" "$t" >> "$1"
exec {fd}<> "$2"
WORKER
        printf '%s\n' "$1"
    } > "$RUN/worker.sh"
    chmod +x "$RUN/worker.sh"
    mkfifo "$RUN/worker.fifo"
}

bench_map() {
    local grace=$1 extra=$2 arg command="\"$RUN/worker.sh\""
    shift 2
    for arg in "$@"; do command+=", \"$arg\""; done
    cat > "$RUN/map.yaml" <<YAML
version: 1
defaults:
  node: bench
  stopGrace: 1s
  startupGrace: $grace
  cureWindow: 0ms
  intensity: {restarts: 1000000, period: 1s}
root:
  group: bench
  children:
    - component: worker
      command: [$command]
${extra:+      $extra}
YAML
}

bench_start() {
    ( cd "$RUN" && exec setsid java -XX:+UseSerialGC ${RESPAWN_JAVA_OPTS:-} -jar "$JAR" engine --map "$RUN/map.yaml" \
        --journal "$RUN/journal.jsonl" --listen "127.0.0.1:$PORT_BASE" --http off --secret-file "$RUN/secret" \
        "$@" > "$RUN/engine.out" 2>&1 < /dev/null ) &
    BENCH_PIDS+=($!)
    ( cd "$RUN" && exec setsid java -XX:+UseSerialGC ${RESPAWN_JAVA_OPTS:-} -jar "$JAR" agent --map "$RUN/map.yaml" --node bench \
        --engine "127.0.0.1:$PORT_BASE" --secret-file "$RUN/secret" --log-dir "$RUN/logs" \
        --heartbeats "127.0.0.1:$((PORT_BASE + 1))" --table "127.0.0.1:$((PORT_BASE + 2))" \
        --state-dir "$RUN/agent-state" > "$RUN/agent.out" 2>&1 < /dev/null ) &
    BENCH_PIDS+=($!)
    local waited=0
    until grep -q '"type":"agent-link".*"state":"UP"' "$RUN/journal.jsonl" 2>/dev/null; do
        (( waited++ < 600 )) || { echo "agent not linked to the engine within 60 s (see $RUN)" >&2; exit 1; }
        sleep_ms 100
    done
}

bench_trial() {
    local trial=$1 signal=$2 jitter=$3 waited=0 started lines
    while :; do
        LAST=; last_line
        PID=${LAST%% *} started=${LAST##* }
        now_ns
        [[ -n $PID ]] && kill -0 "$PID" 2>/dev/null && (( NOW - started >= 500000000 )) && break
        (( waited++ < 3000 )) || { echo "trial $trial: worker not up within 30 s (see $RUN)" >&2; exit 1; }
        sleep_ms 10
    done
    sleep_ms $((RANDOM % (jitter + 1)))
    lines=$(wc -l < "$STATE")
    now_ns; T0=$NOW
    kill "-$signal" "$PID"
    waited=0
    while (( $(wc -l < "$STATE") == lines )); do
        (( waited++ < 7500 )) || { echo "trial $trial: not restarted within 15 s (see $RUN)" >&2; exit 1; }
        sleep_ms 2
    done
    LAST=; last_line
}

bench_stop() {
    local pid
    for pid in "${BENCH_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${BENCH_PIDS[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep_ms 100; done
        kill -KILL "$pid" 2>/dev/null || true
    done
}
