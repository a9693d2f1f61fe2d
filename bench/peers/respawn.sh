# bench/peers/respawn.sh - respawn as a peer of ../shared/bench/peers (see its README).
#
#   BENCH_WORK=/tmp/peer-bench PEER_ADAPTERS=$PWD/bench/peers \
#       ../shared/bench/peers/run.sh bash-loop runit erlang respawn
#
# respawn runs as users run it: the engine and the node agent as two JVMs talking over
# loopback, every fact written to the journal before the rules see it and acknowledged
# after its fsync (the default), the restart decided by the default rules and carried out by the agent. The worker is
# the one component of the map, with the harness's send/expect probe (failure
# threshold one) for the hang scenario. A cure window of 0 and an unbounded restart
# intensity keep the rules from escalating or giving up on the harness's deliberate
# crash loop, as the OTP peer's intensity of 10^6 does. A restart counts as done once the
# new worker has passed a probe (rule CURE-02): the first probe runs 250 ms after a start
# (the worker listens by then, also on a busy machine) and the driver fails a worker only
# after 500 ms of uptime, so each failure meets a restart that was ready.

RESPAWN_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PEER_DESC="respawn: engine + agent JVMs on loopback, journal fsync per write (acks after it), default rules, probe every ${PROBE_INTERVAL_MS} ms"
PEER_HANG=probe
PEER_HANG_NOTE="send/expect probe every ${PROBE_INTERVAL_MS} ms, timeout ${PROBE_TIMEOUT_MS} ms, threshold 1"
PEER_MIN_UPTIME_MS=500
PEER_HANG_MIN_UPTIME_MS=$((PROBE_INTERVAL_MS + 500))
PEER_JITTER_MS=$PROBE_INTERVAL_MS
PEER_PID_CHECK_EVERY=1

respawn_jar() { ls "$RESPAWN_HOME"/cli/target/respawn-cli-*.jar 2>/dev/null | grep -v -- -sources | head -n 1; }

peer_check() {
    command -v java > /dev/null || { echo "java not installed"; return 1; }
    [[ -n $(respawn_jar) ]] || { echo "respawn not built (run ./respawn --version in $RESPAWN_HOME)"; return 1; }
}

peer_start() {
    RESPAWN_ENGINE_PORT=$((PORT + 2000))
    RESPAWN_BEAT_PORT=$((PORT + 3000))
    RESPAWN_TABLE_PORT=$((PORT + 4000))
    head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$PEER_DIR/secret"
    cat > "$PEER_DIR/map.yaml" <<YAML
version: 1
defaults:
  node: bench
  stopGrace: 1s
  startupGrace: 0ms
  cureWindow: 0ms
  intensity: {restarts: 1000000, period: 1s}
  probeThresholds: {failures: 1, errors: 1000000}
root:
  group: bench
  children:
    - component: worker
      command: ["$WORKER", "$STATE", "$PORT"]
      probes:
        - name: ping
          sendExpect: {host: 127.0.0.1, port: $PORT, send: "ping", expect: "pong"}
          interval: ${PROBE_INTERVAL_MS}ms
          timeout: ${PROBE_TIMEOUT_MS}ms
          initialDelay: 250ms
YAML
    local jar; jar=$(respawn_jar)
    # an engine with an HTTP side takes --http: keep it off here (no fixed port to collide on)
    local http_off=()
    java -jar "$jar" engine --help 2>/dev/null | grep -q -- '--http' && http_off=(--http off)
    # an agent that keeps state keeps it in this run's folder, never in another run's
    local state_dir=()
    java -jar "$jar" agent --help 2>/dev/null | grep -q -- '--state-dir' && state_dir=(--state-dir "$PEER_DIR/agent-state")
    bench_spawn respawn-engine java -XX:+UseSerialGC -jar "$jar" engine --map "$PEER_DIR/map.yaml" \
        --journal "$PEER_DIR/journal.jsonl" --listen "127.0.0.1:$RESPAWN_ENGINE_PORT" --secret-file "$PEER_DIR/secret" \
        "${http_off[@]}"
    RESPAWN_ENGINE_PID=$BENCH_LAST_PID
    bench_spawn respawn-agent java -XX:+UseSerialGC -jar "$jar" agent --map "$PEER_DIR/map.yaml" --node bench \
        --engine "127.0.0.1:$RESPAWN_ENGINE_PORT" --secret-file "$PEER_DIR/secret" --log-dir "$PEER_DIR/logs" \
        --heartbeats "127.0.0.1:$RESPAWN_BEAT_PORT" --table "127.0.0.1:$RESPAWN_TABLE_PORT" \
        "${state_dir[@]}"
    RESPAWN_AGENT_PID=$BENCH_LAST_PID
    # JVM start-up and rule compilation are not what is measured: wait (at most 60 s) until the
    # engine has journaled the agent's link, so the first crash is handled like every later one.
    local waited=0
    until grep -q '"type":"agent-link".*"state":"UP"' "$PEER_DIR/journal.jsonl" 2>/dev/null; do
        (( waited++ >= 600 )) && { echo "respawn: agent not linked to the engine within 60 s"; return 1; }
        bench_sleep_ms 100
    done
}

# The worker's PID as the agent's process table (its Re/Starter table) reports it.
peer_child_pid() {
    local fd table=
    { exec {fd}<>"/dev/tcp/127.0.0.1/$RESPAWN_TABLE_PORT"; } 2>/dev/null || return 1
    read -r -t 2 -u "$fd" table
    exec {fd}>&-
    [[ $table =~ \"state\":\"RUNNING\",\"pid\":([0-9]+) ]] && echo "${BASH_REMATCH[1]}"
}

peer_stop() {
    bench_stop_pid "$RESPAWN_AGENT_PID" 15
    bench_stop_pid "$RESPAWN_ENGINE_PID" 10
}
