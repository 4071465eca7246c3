# shellcheck shell=bash
# Shared by deploy/load's scenarios (seed-circuit-breaker, throughput, read-heavy); sourced, not run.
#
# What it gives a scenario: a throwaway stack of its own (or the running one), tokens from its Keycloak (SPEC §7),
# schedules to book on, siege with a private configuration, the event-lag probe, RSS sampling of the five
# services, the machine yardstick at the start and the end (load_init, load_finish), an optional CPU burner, the
# count of the ERROR lines the services logged, and the clean-up that stops everything it started whatever way the
# scenario ends.
#
# Tokens: every request but GET /schedules carries one (Authorization: Bearer), by the password grant of the
# local-development client animal-hospital-cli of the stack's Keycloak (load_token): the demo account `customer`
# (phone 010-1234-5678) places and reads its own, `staff` (LOAD_STAFF: load_resolve_staff) creates schedules and
# reads anything; read-heavy adds customers of its own (load_customers). Tokens live 300 s: siege gets a fresh one before each run
# (load_siege_as), and a run that could outlast it stops the scenario before it starts.
#
# Environment (all optional):
#   LOAD_STACK=own|running   own (default): start a fresh stack in a temporary state folder and stop it at the
#                            end, so every run starts from the same empty databases; running: use the stack
#                            already up on SERVICE_PORT_BASE (its data grows with each run).
#   SERVICE_PORT_BASE (8081), PG_PORT (15432), KAFKA_PORT (19092), KEYCLOAK_PORT (8180, and the next one for its
#                            management): where the stack listens (LocalStack's own).
#   SERVICE_JAVA_OPTS, <NAME>_JAVA_OPTS: JVM options of the services of an own stack (LocalStack's own).
#   LOAD_TMP (default $TMPDIR or /tmp): parent of each run's temporary folder.
#   LOAD_KEEP=1              keep the run's folder (stack state, service logs, siege output) after success
#                            or Ctrl-C; it is always kept after a failure.
#   LOAD_RESULTS             folder for the fragments instead of deploy/load/results (gets its own RESULTS.md).
#   LOAD_YARDSTICK_SECONDS (20)  how long each of the two machine yardsticks runs (at the start and at the end of
#                            a run: sha256 on every core; 0 for none).
#   LOAD_BURNER (0)          number of cores kept busy by a CPU burner (a shell busy loop each) from after the
#                            first yardstick until before the second: LOAD_BURNER=1 plays a neighbour that takes
#                            one core for the whole run.
#   LOAD_WARMUP (30)         seconds of unmeasured load before the measured runs: JIT compilation, pools.
#                            On 2 cores a JVM still compiles for minutes after that (the CPU report shows how
#                            much): the figures are those of a service that has been up for a short while.

LOAD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
LOAD_DIR="$LOAD_ROOT/deploy/load"
. "$LOAD_ROOT/deploy/local/jdk.sh"
animal_require_jdk
# LOAD_RESULTS: another folder for the fragments (and a RESULTS.md of their own), e.g. for trial runs that
# should leave deploy/load/results alone.
LOAD_RESULTS="${LOAD_RESULTS:-$LOAD_DIR/results}"
LOAD_SIEGERC="$LOAD_DIR/lib/siegerc"
LOAD_SERVICES=(reservation diagnosis billing notice lookup)

PORT_BASE="${SERVICE_PORT_BASE:-8081}"
RESERVATION_URL="http://127.0.0.1:$PORT_BASE"
DIAGNOSIS_URL="http://127.0.0.1:$((PORT_BASE + 1))"
LOOKUP_URL="http://127.0.0.1:$((PORT_BASE + 4))"
KEYCLOAK_PORT_USED="${KEYCLOAK_PORT:-8180}"
KEYCLOAK_URL="http://127.0.0.1:$KEYCLOAK_PORT_USED"
# The local-development client that allows the password grant, and the demo accounts (LOCAL DEVELOPMENT ONLY,
# deploy/infra's keycloak/local-development.json); load_customers' accounts share one password.
LOAD_TOKEN_CLIENT=animal-hospital-cli
declare -A LOAD_PASSWORDS=([customer]=customer-local-only [staff]=staff-local-only [admin]=admin-local-only)
LOAD_CUSTOMER_PASSWORD=load-local-only
# A siege run ends within its -t plus siege's socket timeout (30 s in lib/siegerc) for the last requests.
LOAD_SIEGE_TAIL=35
# The realm's access token lifespan (deploy/infra's animal-hospital-realm.json), for the checks before a stack
# starts; load_token checks each token's own.
LOAD_TOKEN_LIFETIME=300
LOAD_WARMUP="${LOAD_WARMUP:-30}"

RUN_DIR=""
STACK_PID=""
STACK_PIDS=()
BACKGROUND_PIDS=()
LOAD_BURNER_PIDS=()
LOAD_OK=""

load_log() {
  printf '[load %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2
}

load_die() {
  load_log "FAILED: $*"
  exit 1
}

# load_init SCENARIO: the run's folder and the clean-up trap. Call first.
load_init() {
  SCENARIO="$1"
  # What else kept the machine busy before this run started anything: other stacks, builds (for the fragment).
  LOAD_AVERAGE_BEFORE="$(cut -d' ' -f1 /proc/loadavg)"
  command -v siege >/dev/null || load_die "siege is not installed (Debian: apt-get install siege)"
  for tool in curl jq ss java; do
    command -v "$tool" >/dev/null || load_die "$tool is required"
  done
  RUN_DIR="$(mktemp -d "${LOAD_TMP:-${TMPDIR:-/tmp}}/animal-load-$SCENARIO.XXXXXX")"
  # mktemp's folder is private; PostgreSQL runs as its own user (when run as root) and must reach its data.
  chmod 755 "$RUN_DIR"
  trap load_cleanup EXIT
  # Ctrl-C / SIGTERM: leave through the EXIT trap, which stops what was started.
  trap 'LOAD_INTERRUPTED=1; exit 130' INT
  trap 'LOAD_INTERRUPTED=1; exit 143' TERM
  load_log "$SCENARIO: run folder $RUN_DIR"
  # The machine's speed before anything of the run started, as a clue when runs differ: on a shared cloud
  # machine the same build measured half as fast a few hours apart. load_finish takes it again at the end.
  LOAD_YARDSTICK_START="$(load_yardstick start)"
  load_burner_start
}

# load_yardstick WHEN: the machine's speed with every core busy for LOAD_YARDSTICK_SECONDS (20): one
# `openssl speed` process per core hashing 8 KB blocks with sha256; prints "2059 MB/s (1026 + 1033)", the sum
# and each core's share. Long enough to see a neighbour that takes a core for a while, not only a burst.
load_yardstick() {
  local seconds="${LOAD_YARDSTICK_SECONDS:-20}" cores figure
  cores="$(nproc)"
  if [ "$seconds" = 0 ]; then
    echo "not taken (LOAD_YARDSTICK_SECONDS=0)"
    return
  fi
  if ! command -v openssl >/dev/null; then
    echo "not taken (openssl missing)"
    return
  fi
  load_log "machine yardstick ($1): sha256 on $cores cores for $seconds s"
  # The children report bytes/s ("Got: +F:6:sha256:1026187264.00 from 0"), the parent their sum in 1000s of
  # bytes/s ("sha256 2058928.13k").
  figure="$(openssl speed -multi "$cores" -seconds "$seconds" -bytes 8192 sha256 2>/dev/null | awk '
    /^Got: \+F:[0-9]+:sha256:/ { split($2, f, ":"); part[++n] = sprintf("%.0f", f[4] / 1e6) }
    /^sha256 / { v = $2; sub(/k$/, "", v); total = v / 1000 }
    END {
      if (total == "") exit
      parts = ""; for (i = 1; i <= n; i++) parts = parts (i > 1 ? " + " : "") part[i]
      printf "%.0f MB/s (%s)\n", total, parts
    }')"
  echo "${figure:-not taken (openssl speed failed)}"
  load_log "machine yardstick ($1): ${figure:-failed}"
}

# load_burner_start: LOAD_BURNER busy loops, one core each, until load_finish (or the clean-up) stops them.
load_burner_start() {
  local i
  LOAD_BURNER_PIDS=()
  case "${LOAD_BURNER:-0}" in
    0) return 0 ;;
    [1-9] | [1-9][0-9]) ;;
    *) load_die "LOAD_BURNER must be a number of cores (1 for one), not '$LOAD_BURNER'" ;;
  esac
  for ((i = 0; i < LOAD_BURNER; i++)); do
    bash -c 'while :; do :; done' &
    LOAD_BURNER_PIDS+=("$!")
    BACKGROUND_PIDS+=("$!")
  done
  load_log "CPU burner: $LOAD_BURNER busy loop(s) for the whole run (pids ${LOAD_BURNER_PIDS[*]})"
}

# load_finish: the end of a run, before its fragment is written: counts the ERROR lines the services logged
# (load_errors_count), stops the burner, the RSS sampler and every other background job, stops an own stack
# (its JVM options are kept for the header first) and takes the machine yardstick again in the same conditions
# as at the start: nothing of the run's running.
load_finish() {
  load_errors_count
  LOAD_JVM_OPTIONS="$(load_jvm_options)"
  load_stop_background
  load_stop_stack
  LOAD_YARDSTICK_END="$(load_yardstick end)"
}

# Stops the background jobs that are still running (siege, the probe, the RSS sampler, the burner).
load_stop_background() {
  local pid
  for pid in "${BACKGROUND_PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${BACKGROUND_PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  BACKGROUND_PIDS=()
}

load_cleanup() {
  local status=$?
  trap - EXIT INT TERM
  load_stop_background
  load_stop_stack
  if { [ -n "$LOAD_OK" ] || [ -n "${LOAD_INTERRUPTED:-}" ]; } && [ "${LOAD_KEEP:-}" != 1 ]; then
    rm -rf "$RUN_DIR"
  elif [ -n "$RUN_DIR" ]; then
    load_log "kept $RUN_DIR (stack state, service logs under stack/logs, siege output)"
  fi
  exit "$status"
}

# Marks the run as successful, so its folder is removed (unless LOAD_KEEP=1).
load_done() {
  LOAD_OK=1
}

load_port_open() {
  ss -Hltn "sport = :$1" 2>/dev/null | grep -q .
}

load_pid_on_port() {
  ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2
}

# load_keycloak_pids: the stack's Keycloak, its JVM (listening on KEYCLOAK_PORT) and the kc.sh that waits for it.
load_keycloak_pids() {
  local pid parent
  pid="$(load_pid_on_port "$KEYCLOAK_PORT_USED")"
  [ -n "$pid" ] || return 0
  echo "$pid"
  parent="$(ps -o ppid= -p "$pid" 2>/dev/null | tr -d ' ')"
  if [ -n "$parent" ] && load_cmdline "$parent" | grep -q 'kc\.sh'; then
    echo "$parent"
  fi
}

# load_start_stack [NAME=VALUE ...]: a fresh stack (extra environment for LocalStack), or checks the running
# one. Returns when all five services are ready.
# shellcheck disable=SC2120 # the environment is optional
load_start_stack() {
  if [ "${LOAD_STACK:-own}" = running ]; then
    load_log "using the running stack on ports $PORT_BASE-$((PORT_BASE + 4)), Keycloak on $KEYCLOAK_PORT_USED (LOAD_STACK=running)"
    load_await_ready 10 || load_die "the stack on $PORT_BASE-$((PORT_BASE + 4)) is not ready"
    curl -fsS -o /dev/null --max-time 10 "$KEYCLOAK_URL/realms/animal-hospital/.well-known/openid-configuration" \
      || load_die "no Keycloak realm animal-hospital at $KEYCLOAK_URL: set KEYCLOAK_PORT to the running stack's"
    load_resolve_staff
    load_logs_mark
    return
  fi
  [ "${LOAD_STACK:-own}" = own ] || load_die "LOAD_STACK must be own or running"
  local pg="${PG_PORT:-15432}" kafka="${KAFKA_PORT:-19092}" keycloak="$KEYCLOAK_PORT_USED" port
  for port in "$PORT_BASE" $((PORT_BASE + 1)) $((PORT_BASE + 2)) $((PORT_BASE + 3)) $((PORT_BASE + 4)) \
      "$pg" "$kafka" $((kafka + 1)) "$keycloak" $((keycloak + 1)); do
    if load_port_open "$port"; then
      load_die "port $port is in use: stop that stack, or move this one with SERVICE_PORT_BASE, PG_PORT, KAFKA_PORT and KEYCLOAK_PORT, or use it with LOAD_STACK=running"
    fi
  done
  load_snapshot_build
  mkdir -p "$RUN_DIR/stack"
  load_log "starting a throwaway stack (state $RUN_DIR/stack, log $RUN_DIR/stack.log)"
  # LocalStack as deploy/local/run starts it, on the snapshot. As a background job it ignores Ctrl-C's SIGINT
  # and is stopped by the clean-up with SIGTERM, which LocalStack turns into an orderly stop of everything.
  env ANIMAL_HOSPITAL_STATE="$RUN_DIR/stack" KEYCLOAK_PORT="$keycloak" "$@" java -Danimal.root="$RUN_DIR/build" \
    -cp "$RUN_DIR/build/infra-classes:$(cat "$RUN_DIR/build/infra-classes/infra-classpath.txt"):$RUN_DIR/build/kafka-broker-classes" io.animalhospital.infra.LocalStack \
    >"$RUN_DIR/stack.log" 2>&1 &
  STACK_PID=$!
  local waited=0
  until grep -qs 'all five services ready' "$RUN_DIR/stack.log"; do
    if ! kill -0 "$STACK_PID" 2>/dev/null; then
      tail -n 30 "$RUN_DIR/stack.log" >&2
      STACK_PID=""
      load_die "the stack did not start (log above, whole one in $RUN_DIR/stack.log)"
    fi
    # LocalStack gives up by itself after 180 s per service; this is only a backstop.
    if [ "$waited" -ge 600 ]; then
      load_die "the stack was not ready after 600 s (see $RUN_DIR/stack.log)"
    fi
    sleep 1
    waited=$((waited + 1))
  done
  # Everything LocalStack started, to make sure nothing outlives the run.
  local pids
  pids="$(grep -o '(pid [0-9]*)' "$RUN_DIR/stack.log" | tr -dc '0-9\n')"
  mapfile -t STACK_PIDS <<<"$pids"
  STACK_PIDS+=("$(load_pid_on_port "$kafka")")
  # Keycloak: its JVM and the kc.sh that started it and waits for it.
  STACK_PIDS+=($(load_keycloak_pids))
  if [ -f "$RUN_DIR/stack/postgres/data/postmaster.pid" ]; then
    STACK_PIDS+=("$(head -1 "$RUN_DIR/stack/postgres/data/postmaster.pid")")
  fi
  load_log "stack ready: $(grep -o 'all five services ready in [0-9.]* s' "$RUN_DIR/stack.log")"
  load_resolve_staff
  load_logs_mark
}

# load_logs_mark: where each service logs and how far its log went, in $RUN_DIR/logs.mark ("service offset
# file"), so that load_errors_count reads this run's lines only. An own stack's services log to
# $RUN_DIR/stack/logs/<service>-service.log (LocalStack), counted from the start (start-up included). A running
# stack's log is the file its JVM writes its output to (/proc/<pid>/fd/1; deploy/local/run's are under
# deploy/local/.state/logs), counted from its size now; none found (another user's process, a terminal): not
# counted.
load_logs_mark() {
  local service port=$PORT_BASE pid file offset
  : >"$RUN_DIR/logs.mark"
  for service in "${LOAD_SERVICES[@]}"; do
    file="" offset=0
    if [ "${LOAD_STACK:-own}" = own ]; then
      file="$RUN_DIR/stack/logs/$service-service.log"
    else
      pid="$(load_pid_on_port "$port")"
      file="$(readlink -f "/proc/${pid:-0}/fd/1" 2>/dev/null || true)"
      if [ -n "$file" ] && [ -f "$file" ]; then
        offset="$(stat -c %s "$file")"
      else
        file=""
      fi
    fi
    echo "$service $offset $file" >>"$RUN_DIR/logs.mark"
    port=$((port + 1))
  done
}

# The lines a service logged at level ERROR: the level field, not the word inside a message. In prod (the stacks
# of these scenarios) a JSON line per record ({"timestamp":...,"level":"ERROR",...}, decision 0095); in Quarkus's
# text format ("2026-12-02 00:44:41,214 ERROR [category] (thread) message") for a stack run otherwise. A stack
# trace's further lines are part of the one entry.
LOAD_ERROR_LINE='^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}(,[0-9]+)? +ERROR +\[|^\{.*"level":"ERROR"'

# load_errors_count: the ERROR lines each service logged since load_logs_mark, in $RUN_DIR/errors.<service>;
# LOAD_ERRORS: their number in all ("n/a" when no service's log was found), LOAD_ERRORS_BY: "reservation 0,
# diagnosis 2, ..." ("not counted" for a log not found).
load_errors_count() {
  local service offset file count counted=""
  LOAD_ERRORS=0
  LOAD_ERRORS_BY=""
  while read -r service offset file; do
    if [ -z "$file" ] || [ ! -f "$file" ]; then
      LOAD_ERRORS_BY+="${LOAD_ERRORS_BY:+, }$service not counted (no log found)"
      continue
    fi
    tail -c +"$((offset + 1))" "$file" | grep -E "$LOAD_ERROR_LINE" >"$RUN_DIR/errors.$service" || true
    count="$(wc -l <"$RUN_DIR/errors.$service")"
    LOAD_ERRORS=$((LOAD_ERRORS + count))
    LOAD_ERRORS_BY+="${LOAD_ERRORS_BY:+, }$service $count"
    counted=1
  done <"$RUN_DIR/logs.mark"
  [ -n "$counted" ] || LOAD_ERRORS=n/a
  load_log "ERROR lines in the services' logs: $LOAD_ERRORS ($LOAD_ERRORS_BY)"
}

# load_errors_row: the targets-table row for the count (after load_errors_count, i.e. load_finish).
load_errors_row() {
  echo "| no ERROR in the services' logs | $LOAD_ERRORS ($LOAD_ERRORS_BY) |" \
    "$(if [ "$LOAD_ERRORS" = n/a ]; then echo "not counted"; else load_verdict [ "$LOAD_ERRORS" = 0 ]; fi) |"
}

# load_errors_details KEY: where the count comes from, the first distinct messages of each service that logged
# ERRORs (at most 3 each, with how often each came), and the summary line KEY.errors.
load_errors_details() {
  local service offset file where
  if [ "${LOAD_STACK:-own}" = own ]; then
    where="the run folder's \`stack/logs/<service>-service.log\`, from the stack's start"
  else
    where="each service's log file (its JVM's output), from the run's start"
  fi
  echo "ERROR lines the services logged (lines whose level field is ERROR, in $where): $LOAD_ERRORS_BY."
  while read -r service offset file; do
    [ -s "$RUN_DIR/errors.$service" ] || continue
    echo
    echo "$service-service, the first distinct messages (\`${file#"$RUN_DIR"/}\`):"
    echo
    # Without time and thread, so that the same failure on two threads is one message; cut to 240 characters.
    sed -E -e 's/^[0-9-]+ [0-9:,]+ +ERROR +(\[[^]]*\]) \([^)]*\) /\1 /' \
        -e 's/^\{.*"loggerName":"([^"]*)".*"message":"([^"]*)".*/[\1] \2/' "$RUN_DIR/errors.$service" | cut -c1-240 | tr '`' "'" \
      | awk '!($0 in seen) { order[++n] = $0 } { seen[$0]++ }
        END { for (i = 1; i <= n && i <= 3; i++) printf "- %d × `%s`\n", seen[order[i]], order[i]
              if (n > 3) printf "- ... and %d other messages\n", n - 3 }'
  done <"$RUN_DIR/logs.mark"
  echo
  echo "<!-- summary: $1.errors=$LOAD_ERRORS -->"
}

# The stack runs from a copy of the built services (and of the stack's own classes), taken at the start: other
# people's builds in the same working tree rewrite target/ at any moment, which would break a running service
# and change what is measured halfway. Builds what is missing first, as deploy/local/run does.
load_snapshot_build() {
  local missing=() service
  # One snapshot per run: a scenario that starts several stacks (cold-start) starts them all on the same build.
  [ -d "$RUN_DIR/build/infra-classes" ] && return 0
  [ -f "$LOAD_ROOT/deploy/infra/target/classes/infra-classpath.txt" ] || missing+=(deploy/infra)
  [ -f "$LOAD_ROOT/deploy/kafka-broker/target/classes/kafka-classpath.txt" ] || missing+=(deploy/kafka-broker)
  for service in "${LOAD_SERVICES[@]}"; do
    [ -f "$LOAD_ROOT/$service-service/target/quarkus-app/quarkus-run.jar" ] || missing+=("$service-service")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    load_log "building ${missing[*]} ..."
    (cd "$LOAD_ROOT" && ./mvnw -B -q package -DskipTests -pl "$(IFS=,; echo "${missing[*]}")" -am) \
      || load_die "build failed"
  fi
  load_log "copying the built services to $RUN_DIR/build"
  mkdir -p "$RUN_DIR/build"
  cp -r "$LOAD_ROOT/deploy/infra/target/classes" "$RUN_DIR/build/infra-classes"
  cp -r "$LOAD_ROOT/deploy/kafka-broker/target/classes" "$RUN_DIR/build/kafka-broker-classes"
  for service in "${LOAD_SERVICES[@]}"; do
    mkdir -p "$RUN_DIR/build/$service-service/target"
    cp -r "$LOAD_ROOT/$service-service/target/quarkus-app" "$RUN_DIR/build/$service-service/target/"
    [ -f "$RUN_DIR/build/$service-service/target/quarkus-app/quarkus-run.jar" ] \
      || load_die "$service-service's jar vanished while copying (a build running?): try again"
  done
}

load_await_ready() {
  local tries="$1" port
  for ((i = 0; i < tries; i++)); do
    local ready=1
    for port in "$PORT_BASE" $((PORT_BASE + 1)) $((PORT_BASE + 2)) $((PORT_BASE + 3)) $((PORT_BASE + 4)); do
      curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$port/q/health/ready" || ready=""
    done
    [ -n "$ready" ] && return 0
    sleep 1
  done
  return 1
}

load_stop_stack() {
  [ -n "$STACK_PID" ] || return 0
  load_log "stopping the throwaway stack"
  kill -TERM "$STACK_PID" 2>/dev/null || true
  local waited=0
  while kill -0 "$STACK_PID" 2>/dev/null && [ "$waited" -lt 120 ]; do
    sleep 1
    waited=$((waited + 1))
  done
  kill -KILL "$STACK_PID" 2>/dev/null || true
  wait "$STACK_PID" 2>/dev/null || true
  STACK_PID=""
  # LocalStack stops its children (PostgreSQL may still be finishing its shutdown checkpoint); whatever is
  # still there after 20 s goes, by the ids it logged: never by name, other stacks may run beside this one.
  local pid alive
  for ((waited = 0; waited < 20; waited++)); do
    alive=""
    for pid in "${STACK_PIDS[@]}"; do
      [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && alive+=" $pid"
    done
    [ -z "$alive" ] && break
    sleep 1
  done
  for pid in $alive; do
    load_log "process $pid outlived the stack: killing it"
    kill -KILL "$pid" 2>/dev/null || true
  done
  STACK_PIDS=()
}

# load_build_probe: the event-lag probe's classes, rebuilt when missing or older than its sources.
load_build_probe() {
  local class="$LOAD_DIR/target/classes/io/animalhospital/load/lag/EventLagProbe.class"
  if [ ! -f "$class" ] || [ ! -f "$LOAD_DIR/target/classes/load-classpath.txt" ] \
      || [ -n "$(find "$LOAD_DIR/src" -newer "$class" -print -quit)" ]; then
    load_log "building deploy/load ..."
    (cd "$LOAD_ROOT" && ./mvnw -B -q package -DskipTests -pl deploy/load -am) || load_die "build of deploy/load failed"
  fi
}

# load_start_probe LABEL SECONDS SCHEDULE_IDS_CSV OUT_FILE: the event-lag probe in the background (it places as
# the demo customer and follows the view as staff, with tokens of its own from the stack's Keycloak).
load_start_probe() {
  local label="$1" seconds="$2" schedules="$3" out="$4"
  java -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -cp "$LOAD_DIR/target/classes:$(cat "$LOAD_DIR/target/classes/load-classpath.txt")" \
    io.animalhospital.load.lag.EventLagProbe \
    --reservations "$RESERVATION_URL" --lookup "$LOOKUP_URL" --schedules "$schedules" \
    --rate "${LAG_RATE:-10}" --seconds "$seconds" --timeout "${LAG_TIMEOUT:-10}" \
    --keycloak "$KEYCLOAK_URL" --customer "customer:${LOAD_PASSWORDS[customer]}" --staff "$LOAD_STAFF:${LOAD_PASSWORDS[$LOAD_STAFF]:-$LOAD_CUSTOMER_PASSWORD}" \
    --label "$label" --out "$out" >"$out.log" 2>&1 &
  PROBE_PID=$!
  BACKGROUND_PIDS+=("$PROBE_PID")
  # Until it has its tokens (JVM start and two password grants, outside the measured window that follows).
  local waited=0
  until grep -qs 'tokens ready' "$out.log"; do
    kill -0 "$PROBE_PID" 2>/dev/null || { cat "$out.log" >&2; load_die "the lag probe did not start (above)"; }
    [ "$waited" -lt 600 ] || load_die "the lag probe was not ready after 60 s (see $out.log)"
    sleep 0.1
    waited=$((waited + 1))
  done
}

# load_wait_probe: waits for the probe (it ends by itself after its seconds plus the grace of its timeout).
load_wait_probe() {
  wait "$PROBE_PID" || load_log "the lag probe ended with status $? (see $RUN_DIR)"
  load_forget "$PROBE_PID"
  PROBE_PID=""
}

# load_future_date: a clinic day that stays in the future for the whole run.
load_future_date() {
  date -d '+30 day' +%F
}

# load_token ACCOUNT [SECONDS]: an access token of the account (customer, staff, admin, or one of
# load_customers'), with at least SECONDS (60) of its life left: the one fetched before if it has, else a new one
# from the stack's Keycloak (password grant of the local-development client). Kept in $RUN_DIR/tokens/ so that
# calls in $(...) share them. Stops the scenario when Keycloak gives none, or when a new token would not live
# SECONDS (a run longer than the realm's token lifetime).
load_token() {
  local account="$1" need="${2:-60}" file now expires token response lifetime password
  file="$RUN_DIR/tokens/$account"
  now="$(date +%s)"
  if [ -f "$file" ]; then
    read -r expires token <"$file"
    if [ $((expires - now)) -ge "$need" ]; then
      echo "$token"
      return 0
    fi
  fi
  password="${LOAD_PASSWORDS[$account]:-$LOAD_CUSTOMER_PASSWORD}"
  response="$(curl -sS --max-time 10 -d grant_type=password -d "client_id=$LOAD_TOKEN_CLIENT" \
    --data-urlencode "username=$account" --data-urlencode "password=$password" \
    "$KEYCLOAK_URL/realms/animal-hospital/protocol/openid-connect/token")" \
    || load_die "no answer from Keycloak at $KEYCLOAK_URL for a token of $account"
  token="$(jq -r '.access_token // empty' <<<"$response" 2>/dev/null || true)"
  lifetime="$(jq -r '.expires_in // 0' <<<"$response" 2>/dev/null || echo 0)"
  [ -n "$token" ] || load_die "Keycloak at $KEYCLOAK_URL gave no token for $account: $response"
  # From before the request: the token surely lives that long.
  expires=$((now + lifetime))
  if [ "$lifetime" -lt "$need" ]; then
    load_die "a token of $account lives $lifetime s, but this run needs one for $need s: shorten the run (a siege run must end within the token's life, its last requests' $LOAD_SIEGE_TAIL s included)"
  fi
  mkdir -p "$RUN_DIR/tokens"
  echo "$expires $token" >"$file"
  echo "$token"
}

# load_fresh_token ACCOUNT SECONDS: a token fetched now (not the one kept), which lives SECONDS at least.
load_fresh_token() {
  rm -f "$RUN_DIR/tokens/$1"
  load_token "$1" "$2"
}

# load_customers PREFIX PHONE_PREFIX COUNT FILE [ROLE]: COUNT accounts PREFIX-0001... with the phones
# PHONE_PREFIX0001... (LOCAL DEVELOPMENT ONLY, password load-local-only; customers, or of the realm role ROLE) added
# to the stack's realm (existing ones kept), and FILE with a line "username phone token" each, fresh tokens. Needs
# Keycloak's bootstrap administrator: its password is in the stack's state folder (an own stack's; for
# LOAD_STACK=running ANIMAL_HOSPITAL_STATE, by default deploy/local/.state).
load_customers() {
  local state password_file
  if [ "${LOAD_STACK:-own}" = own ]; then
    state="$RUN_DIR/stack"
  else
    state="${ANIMAL_HOSPITAL_STATE:-$LOAD_ROOT/deploy/local/.state}"
  fi
  password_file="$state/keycloak/admin-password"
  [ -f "$password_file" ] || load_die "Keycloak's administrator password is not in $password_file: set ANIMAL_HOSPITAL_STATE to the running stack's state folder"
  load_log "adding $3 accounts ($1-0001…, phones ${2}0001…${5:+, role $5}) to the realm and fetching their tokens"
  java -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -cp "$LOAD_DIR/target/classes:$(cat "$LOAD_DIR/target/classes/load-classpath.txt")" \
    io.animalhospital.load.auth.LoadCustomers --keycloak "$KEYCLOAK_URL" --admin-password-file "$password_file" \
    --prefix "$1" --phones "$2" --count "$3" --out "$4" ${5:+--role "$5"} >&2 || load_die "could not add the accounts"
}

# load_resolve_staff: LOAD_STAFF, the staff account of the run: the demo account staff, or, when the realm gives
# it no token (the realm's user profile requires a phone of every account; a realm created before 0093334, e.g. a
# running stack's kept one, has a demo staff without: "Account is not fully set up"), load-staff-0001, a staff
# account of the load's own with a phone (LOCAL DEVELOPMENT ONLY).
LOAD_STAFF=staff
load_resolve_staff() {
  local response
  response="$(curl -sS --max-time 10 -d grant_type=password -d "client_id=$LOAD_TOKEN_CLIENT" \
    -d username=staff --data-urlencode "password=${LOAD_PASSWORDS[staff]}" \
    "$KEYCLOAK_URL/realms/animal-hospital/protocol/openid-connect/token" || true)"
  if jq -e '.access_token' <<<"$response" >/dev/null 2>&1; then
    LOAD_STAFF=staff
    return 0
  fi
  load_log "the demo account staff gets no token ($(jq -r '.error_description // .error // .' <<<"$response" 2>/dev/null || echo "$response")): using load-staff-0001, a staff account of the load's own with a phone"
  load_build_probe
  load_customers load-staff 010-5998- 1 "$RUN_DIR/staff.tokens" staff
  LOAD_STAFF=load-staff-0001
}

# load_create_schedules COUNT TAG FILE: COUNT schedules of capacity 1000 (the API's maximum), ids appended
# to FILE, one a line. As staff.
load_create_schedules() {
  local count="$1" tag="$2" file="$3" day i id
  day="$(load_future_date)"
  for ((i = 1; i <= count; i++)); do
    id="$(curl -fsS --max-time 10 -X POST "$DIAGNOSIS_URL/schedules" -H 'Content-Type: application/json' \
      -H "Authorization: Bearer $(load_token "$LOAD_STAFF")" \
      -d "{\"vet\":\"Dr. Load $tag $i\",\"date\":\"$day\",\"capacity\":1000}" | jq -r .id)" \
      || load_die "could not create schedule $i ($tag)"
    echo "$id" >>"$file"
  done
}

# load_reservation_body SCHEDULE_ID: a valid placement (SPEC §3). No phone: the customer's comes from the token.
load_reservation_body() {
  printf '{"scheduleId":"%s","ownerName":"Kim Minji","petName":"Bori","species":"dog","reason":"vaccination"}' "$1"
}

# load_placement_urls SCHEDULE_FILE URLS_FILE: one siege line per schedule, POSTing a reservation (siege sends
# the customer's token with each: load_siege_as).
load_placement_urls() {
  local id
  while read -r id; do
    echo "$RESERVATION_URL/reservations POST $(load_reservation_body "$id")"
  done <"$1" >"$2"
}

# load_schedules_check FILE: reads every schedule back; prints "schedules booked_total booked_max full
# overbooked unreadable" (full: no seat left, so later placements got 409; overbooked: booked > capacity).
load_schedules_check() {
  local id
  while read -r id; do
    curl -fsS --max-time 10 "$DIAGNOSIS_URL/schedules/$id" | jq -r '"\(.booked) \(.capacity)"' \
      || echo "error error"
  done <"$1" | awk '
    $1 == "error" { errors++; next }
    { n++; total += $1; if ($1 > max) max = $1; if ($1 >= $2) full++; if ($1 > $2) over++ }
    END { printf "%d %d %d %d %d %d\n", n, total, max, full, over, errors }'
}

# load_siege OUT ARGS...: siege with the private configuration; its summary goes to OUT, then the terminal.
# In the background and waited for: with siege in the foreground, Ctrl-C would stop siege, which catches
# it and exits normally, and bash would then carry on with the script as if nothing happened. This way
# the INT trap runs at once and the clean-up stops siege along with everything else.
load_siege() {
  local out="$1" pid status=0 shown
  shift
  # The command as logged and reported: tokens left out.
  shown="$(printf 'siege %s\n' "$*" | sed -E 's/Bearer [A-Za-z0-9._~+\/=-]+/Bearer <token>/g')"
  load_log "$shown"
  echo "$shown" >"$out.command"
  siege --rc="$LOAD_SIEGERC" "$@" >"$out" 2>&1 &
  pid=$!
  BACKGROUND_PIDS+=("$pid")
  wait "$pid" || status=$?
  load_forget "$pid"
  cat "$out"
  return "$status"
}

# load_siege_token ACCOUNT SECONDS: LOAD_SIEGE_TOKEN, the account's token for the next siege run, fetched now;
# SECONDS: the run's -t, which with siege's last requests must end within the token's life (else the scenario stops
# here, before the run: a token that expired mid-run would turn its last part into 401s). Before the run's CPU
# mark, so that the measured window holds no password grant.
LOAD_SIEGE_TOKEN=""
load_siege_token() {
  LOAD_SIEGE_TOKEN="$(load_fresh_token "$1" $(($2 + LOAD_SIEGE_TAIL)))" || exit 1
}

# load_siege_as ACCOUNT SECONDS OUT ARGS...: load_siege with a fresh token of the account
# (-H "Authorization: Bearer ..."; see load_siege_token).
load_siege_as() {
  local account="$1" seconds="$2" out="$3"
  shift 3
  load_siege_token "$account" "$seconds"
  load_siege "$out" -H "Authorization: Bearer $LOAD_SIEGE_TOKEN" "$@"
}

# load_check_run_length WHAT SECONDS: stops the scenario at once (before a stack starts) when a measured siege run
# of SECONDS would outlive a token: one token per run, fetched just before it.
load_check_run_length() {
  if [ $(($2 + LOAD_SIEGE_TAIL)) -gt "$LOAD_TOKEN_LIFETIME" ]; then
    load_die "$1 of $2 s: a siege run sends one token, which lives $LOAD_TOKEN_LIFETIME s; with its last requests' $LOAD_SIEGE_TAIL s a run may last $((LOAD_TOKEN_LIFETIME - LOAD_SIEGE_TAIL)) s at most"
  fi
}

# load_warmup_chunks SECONDS: the warm-up's siege runs, as lengths a token outlives (at most 240 s each): a
# longer warm-up is several runs, each with a fresh token.
load_warmup_chunks() {
  local left="$1" chunk
  while [ "$left" -gt 0 ]; do
    chunk=$((left > 240 ? 240 : left))
    echo "$chunk"
    left=$((left - chunk))
  done
}

# load_forget PID: a background process that ended and was waited for, no longer to be stopped at the end
# (its id may be reused by then).
load_forget() {
  local pid kept=()
  for pid in "${BACKGROUND_PIDS[@]}"; do
    [ "$pid" = "$1" ] || kept+=("$pid")
  done
  BACKGROUND_PIDS=("${kept[@]}")
}

# load_siege_value OUT "Field name": a number from siege's summary ("Transaction rate" → 123.45).
load_siege_value() {
  awk -F: -v key="$2" '$1 == key { split($2, parts, " "); print parts[1]; exit }' "$1"
}

# The summary lines of siege's output, for a results fragment.
load_siege_summary() {
  sed -n '/^Transactions:/,/^Shortest transaction:/p' "$1" | tr -s '\t' ' '
}

# RSS of the five services, sampled every second from /proc/<pid>/status; each sample is labelled with the
# phase set by load_rss_phase, so each phase has its own maximum.
load_rss_start() {
  local pids=() service port=$PORT_BASE
  for service in "${LOAD_SERVICES[@]}"; do
    pids+=("$service:$(load_pid_on_port "$port")")
    port=$((port + 1))
  done
  echo setup >"$RUN_DIR/rss.phase"
  (
    trap 'exit 0' TERM
    while :; do
      phase="$(cat "$RUN_DIR/rss.phase")"
      for entry in "${pids[@]}"; do
        kb="$(awk '/^VmRSS:/ { print $2 }' "/proc/${entry#*:}/status" 2>/dev/null || true)"
        [ -n "$kb" ] && echo "$phase ${entry%%:*} $kb"
      done
      sleep 1
    done
  ) >>"$RUN_DIR/rss.samples" &
  BACKGROUND_PIDS+=("$!")
}

load_rss_phase() {
  echo "$1" >"$RUN_DIR/rss.phase"
}

# load_rss_max SERVICE [PHASE]: the largest RSS sample in MB (all phases when none is given).
load_rss_max() {
  awk -v service="$1" -v phase="${2:-}" '
    $2 == service && (phase == "" || $1 == phase) && $3 > max { max = $3 }
    END { if (max) printf "%.0f\n", max / 1024; else print "n/a" }' "$RUN_DIR/rss.samples"
}

# The services' JVM options as they run (read from /proc, so whatever set them): reservation-service's, and
# for each other service what it has on top of them (or its own, when they differ otherwise).
load_jvm_options() {
  local port=$PORT_BASE service pid options common="" out=""
  for service in "${LOAD_SERVICES[@]}"; do
    pid="$(load_pid_on_port "$port")"
    options="$(load_cmdline "$pid" | sed -e 's/^[^ ]*java //' -e 's/ -jar .*//' -e 's/ $//')"
    port=$((port + 1))
    if [ -z "$out" ]; then
      common="$options"
      out="\`${options:-?}\`"
    elif [ "$options" != "$common" ]; then
      if [ -n "$common" ] && [ "${options#"$common" }" != "$options" ]; then
        out+="; $service adds \`${options#"$common" }\`"
      else
        out+="; $service \`${options:-?}\`"
      fi
    fi
  done
  echo "$out"
}

# load_cmdline PID: a process's command line, words separated by spaces.
load_cmdline() {
  { tr '\0' ' ' <"/proc/${1:-0}/cmdline"; } 2>/dev/null || true
}

# A fragment's first lines: when, on what, against which stack.
load_fragment_header() {
  local commit dirty=""
  commit="$(git -C "$LOAD_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  if [ -n "$(git -C "$LOAD_ROOT" status --porcelain -- ':(glob)*-service/**' deploy/infra 2>/dev/null)" ]; then
    dirty=" plus uncommitted changes to the services"
  fi
  echo "## $1"
  echo
  echo "Run $(date -u '+%Y-%m-%d %H:%M UTC') on commit \`$commit\`$dirty; $(nproc) cores; stack: ${LOAD_STACK:-own}" \
    "(services on $PORT_BASE-$((PORT_BASE + 4)); JVM options ${LOAD_JVM_OPTIONS:-$(load_jvm_options)});" \
    "load average $LOAD_AVERAGE_BEFORE before the run started (anything much above 0 means other work shared the cores)."
  echo
  echo "Machine yardstick (sha256 of 8 KB blocks on all $(nproc) cores for ${LOAD_YARDSTICK_SECONDS:-20} s," \
    "\`openssl speed -multi $(nproc) -bytes 8192 -seconds ${LOAD_YARDSTICK_SECONDS:-20} sha256\`, the sum and each core's):" \
    "${LOAD_YARDSTICK_START:-not taken} at the start, before anything of the run started;" \
    "${LOAD_YARDSTICK_END:-not taken} at the end, $(if [ "${LOAD_STACK:-own}" = own ]; then echo "after the stack had stopped"; else echo "the running stack idle"; fi)." \
    "Lower figures or uneven cores mean something else took CPU meanwhile."
  if [ ${#LOAD_BURNER_PIDS[@]} -gt 0 ]; then
    echo
    echo "**CPU burner on (\`LOAD_BURNER=${LOAD_BURNER}\`): $(if [ ${#LOAD_BURNER_PIDS[@]} = 1 ]; then echo "a busy loop wanting one core"; else echo "${#LOAD_BURNER_PIDS[@]} busy loops wanting a core each"; fi)" \
      "ran from after the first yardstick to before the second, the whole run long, competing with the stack and siege" \
      "for the cores.** What it got is \"burner\" in the CPU figures; it counts among the other processes' share."
  fi
}

# load_publish FRAGMENT_FILE NAME: moves a finished fragment into results/ and regenerates RESULTS.md.
load_publish() {
  mkdir -p "$LOAD_RESULTS"
  mv "$1" "$LOAD_RESULTS/$2.md"
  load_log "wrote $LOAD_RESULTS/$2.md"
  if [ "$LOAD_RESULTS" -ef "$LOAD_DIR/results" ]; then
    "$LOAD_DIR/lib/results"
  else
    "$LOAD_DIR/lib/results" "$LOAD_RESULTS" "$LOAD_RESULTS/RESULTS.md"
  fi
}

# Comparisons of decimal figures for the targets (bash only does integers).
load_at_least() {
  awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "" && a != "n/a" && a + 0 >= b + 0) }'
}

load_at_most() {
  awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "" && a != "n/a" && a + 0 <= b + 0) }'
}

load_verdict() {
  if "$@"; then echo met; else echo missed; fi
}

# load_http_counts PORT OUT: the service's count of answered requests per method, path and status, from its
# Prometheus metrics, as lines "METHOD URI STATUS COUNT". siege only tells failed from successful; the
# difference of two of these snapshots tells which statuses the failures were (409 full, 503 circuit open...).
load_http_counts() {
  curl -fsS --max-time 10 "http://127.0.0.1:$1/q/metrics" 2>/dev/null \
    | sed -n 's/^http_server_requests_seconds_count{\(.*\)} \([0-9.eE+]*\)\( # .*\)\{0,1\}$/\1 \2/p' \
    | awk '{
        method = uri = status = ""
        n = split($1, labels, ",")
        for (i = 1; i <= n; i++) {
          split(labels[i], kv, "=")
          gsub(/"/, "", kv[2])
          if (kv[1] == "method") method = kv[2]
          if (kv[1] == "uri") uri = kv[2]
          if (kv[1] == "status") status = kv[2]
        }
        printf "%s %s %s %d\n", method, uri, status, $2
      }' >"$2" || true
}

# load_http_delta BEFORE AFTER METHOD URI: "201 × 1234, 503 × 12" for the requests answered in between.
load_http_delta() {
  local delta
  delta="$(awk -v method="$3" -v uri="$4" '
    $1 == method && $2 == uri { if (FILENAME == ARGV[1]) before[$3] = $4; else after[$3] = $4 }
    END { for (status in after) if (after[status] - before[status] > 0) print status " × " after[status] - before[status] }' \
    "$1" "$2" | sort | paste -sd, - | sed 's/,/, /g')"
  echo "${delta:-none}"
}

# CPU accounting over a measured window, so a figure can be read with what used the cores meanwhile:
# load_cpu_mark NAME snapshots the CPU time used so far by each service, Kafka, PostgreSQL (postmaster,
# its live backends and the ones it reaped), the lag probe if one runs, this script's finished children
# (siege), and the whole machine (/proc/stat); load_cpu_report FROM TO prints the differences as a sentence.
load_cpu_mark() {
  {
    load_stack_cpu with-jit
    # The lag probe, when one runs through the window (it is started before and waited for after).
    if [ -n "${PROBE_PID:-}" ] && kill -0 "$PROBE_PID" 2>/dev/null; then
      echo "lag-probe $(load_proc_ticks "$PROBE_PID")"
    fi
    # The CPU burner (LOAD_BURNER), when one runs.
    if [ ${#LOAD_BURNER_PIDS[@]} -gt 0 ]; then
      local pid burner=0
      for pid in "${LOAD_BURNER_PIDS[@]}"; do
        burner=$((burner + $(load_proc_ticks "$pid")))
      done
      echo "burner $burner"
    fi
    # This shell's waited-for children (siege, curl, the probe once waited for), in centiseconds. `times`
    # must run in this very shell: in a pipe or $(...) it would report a subshell's children.
    times >"$RUN_DIR/times"
    awk 'NR == 2 { u = $1; s = $2; sub(/m/, " ", u); sub(/s/, "", u); sub(/m/, " ", s); sub(/s/, "", s)
      split(u, a, " "); split(s, b, " "); printf "children %d\n", (a[1] * 60 + a[2] + b[1] * 60 + b[2]) * 100 }' \
      "$RUN_DIR/times"
    awk '$1 == "cpu" { printf "machine_busy %d\nmachine_all %d\n", $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat
  } >"$RUN_DIR/cpu.$1"
}

# load_stack_cpu [with-jit]: "part ticks" lines, the CPU time used so far by each service, Kafka, Keycloak and
# PostgreSQL; with-jit also "jit": the part of the services' time spent in their JIT compiler threads (a cold
# JVM compiles a lot, which competes with the load on a small machine).
load_stack_cpu() {
  local port=$PORT_BASE service pid child ticks jit=0 compilers
  for service in "${LOAD_SERVICES[@]}"; do
    pid="$(load_pid_on_port "$port")"
    echo "$service $(load_proc_ticks "$pid")"
    if [ "${1:-}" = with-jit ] && [ -n "$pid" ]; then
      # The JVM names its compiler threads "C1 CompilerThre…" / "C2 CompilerThre…".
      mapfile -t compilers < <(grep -l -E '^C[12] Compiler' /proc/"$pid"/task/*/comm 2>/dev/null | sed 's/comm$/stat/')
      if [ ${#compilers[@]} -gt 0 ]; then
        jit=$((jit + $(awk '{ sub(/^.*\) /, ""); t += $12 + $13 } END { print t + 0 }' "${compilers[@]}" 2>/dev/null || echo 0)))
      fi
    fi
    port=$((port + 1))
  done
  [ "${1:-}" = with-jit ] && echo "jit $jit"
  echo "kafka $(load_proc_ticks "$(load_pid_on_port "${KAFKA_PORT:-19092}")")"
  echo "keycloak $(load_proc_ticks "$(load_pid_on_port "$KEYCLOAK_PORT_USED")")"
  pid="$(load_pid_on_port "${PG_PORT:-15432}")"
  ticks="$(load_proc_ticks "$pid" reaped)"
  for child in $(ps -o pid= --ppid "${pid:-0}" 2>/dev/null); do
    ticks=$((ticks + $(load_proc_ticks "$child")))
  done
  echo "postgresql $ticks"
}

# load_settle NAME [SINCE]: waits until the stack is idle again after load, i.e. its consumers have worked off
# the events the load left behind, so that the next measurement does not pay for the previous one's
# backlog. Idle: the services, Kafka and PostgreSQL used less than LOAD_SETTLE_CPU % (15) of one core over
# 2 s. Gives up after LOAD_SETTLE_MAX s (180). Records the seconds from SINCE (epoch seconds, default now:
# when the load ended) to idle in $RUN_DIR/settle.NAME, 2 s resolution: a figure in itself, how long the
# asynchronous side needed to catch up.
load_settle() {
  local hz threshold before after waited=0 max="${LOAD_SETTLE_MAX:-180}" since="${2:-$(date +%s)}"
  hz="$(getconf CLK_TCK)"
  threshold=$(( 2 * hz * ${LOAD_SETTLE_CPU:-15} / 100 ))
  before="$(load_stack_cpu | awk '{ t += $2 } END { print t }')"
  while [ "$waited" -lt "$max" ]; do
    sleep 2
    waited=$((waited + 2))
    after="$(load_stack_cpu | awk '{ t += $2 } END { print t }')"
    [ $((after - before)) -lt "$threshold" ] && break
    before="$after"
  done
  if [ "$waited" -ge "$max" ]; then
    echo "> $(( $(date +%s) - since ))" >"$RUN_DIR/settle.$1"
    load_log "the stack was still busy $max s after $1"
  else
    echo "$(( $(date +%s) - since ))" >"$RUN_DIR/settle.$1"
    load_log "stack idle again $(cat "$RUN_DIR/settle.$1") s after $1"
  fi
}

# load_proc_ticks PID [reaped]: utime + stime of a process in clock ticks (with "reaped": plus its waited-for
# children's); 0 when it is gone.
load_proc_ticks() {
  local stat
  stat="$(cat "/proc/${1:-0}/stat" 2>/dev/null)" || { echo 0; return; }
  # Fields after the command name, which is in parentheses and may hold spaces: utime is the 12th.
  awk -v reaped="${2:-}" '{ print $12 + $13 + (reaped ? $14 + $15 : 0) }' <<<"${stat##*) }"
}

load_cpu_report() {
  local hz
  hz="$(getconf CLK_TCK)"
  awk -v hz="$hz" -v cores="$(nproc)" '
    FILENAME == ARGV[1] { before[$1] = $2; next }
    { delta[$1] = $2 - before[$1]; order[++n] = $1 }
    END {
      all = delta["machine_all"] / hz; busy = delta["machine_busy"] / hz
      if (all <= 0) { print "n/a"; exit }
      ours = 0; out = ""
      for (i = 1; i <= n; i++) {
        name = order[i]
        if (name ~ /^machine_/ || name == "children" || name == "jit") continue
        ours += delta[name] / hz
        out = out sprintf("%s %.1f, ", name, delta[name] / hz)
      }
      siege = delta["children"] / 100
      rest = busy - ours - siege; if (rest < 0) rest = 0
      printf "%ssiege %.1f, everything else %.1f, idle %.1f (core-seconds of %.0f: %d cores × %.0f s); the services" \
        " spent %.1f of theirs compiling (JIT)\n", out, siege, rest, all - busy, all, cores, all / cores, delta["jit"] / hz
    }' "$RUN_DIR/cpu.$1" "$RUN_DIR/cpu.$2"
}

# load_cpu_per_placement FROM TO PLACEMENTS [ms]: what a placement cost in CPU over a measured window, as
# results/runtime.md counts it (issue 16): the core-seconds of the five services, Kafka and PostgreSQL divided by
# the placements answered 201 in it (siege's and the probe's), e.g. "14.2 ms (56.5 core-s / 3977 placements):
# reservation 3.4, diagnosis 2.6, ... ms; Keycloak 0.0 ms besides". Keycloak is left out of the sum (it was not
# there before issue 17, and verifying a token does not ask it) and shown beside. With "ms": the figure alone.
load_cpu_per_placement() {
  awk -v hz="$(getconf CLK_TCK)" -v n="$3" -v bare="${4:-}" '
    FILENAME == ARGV[1] { before[$1] = $2; next }
    { delta[$1] = ($2 - before[$1]) / hz; order[++k] = $1 }
    END {
      if (n + 0 <= 0) { print (bare ? "n/a" : "n/a (no placement answered 201)"); exit }
      sum = 0; parts = ""
      for (i = 1; i <= k; i++) {
        name = order[i]
        if (name ~ /^(machine_|children|jit|burner|lag-probe|keycloak)/) continue
        sum += delta[name]
        parts = parts sprintf("%s%s %.2f", (parts == "" ? "" : ", "), name, 1000 * delta[name] / n)
      }
      if (bare) { printf "%.1f\n", 1000 * sum / n; exit }
      printf "%.1f ms (%.1f core-s / %d placements): %s ms; Keycloak %.2f ms besides\n", 1000 * sum / n, sum, n, parts,
        1000 * delta["keycloak"] / n
    }' "$RUN_DIR/cpu.$1" "$RUN_DIR/cpu.$2"
}

# load_http_count BEFORE AFTER METHOD URI STATUS: how many requests were answered STATUS in between.
load_http_count() {
  awk -v method="$3" -v uri="$4" -v status="$5" '
    $1 == method && $2 == uri && $3 == status { if (FILENAME == ARGV[1]) before = $4; else after = $4 }
    END { print after - before }' "$1" "$2"
}

# " (the CPU burner included)" when one ran: for the warnings about other processes' share.
load_burner_note() {
  [ ${#LOAD_BURNER_PIDS[@]} -gt 0 ] && echo " (the CPU burner included)"
  return 0
}

# load_cpu_others FROM TO: the share (%) of the machine's CPU that went to processes other than the stack,
# siege and the probe during the window (the CPU burner included: it plays such a process): well above 0, the
# figures of that window are not the system's own.
load_cpu_others() {
  awk -v hz="$(getconf CLK_TCK)" '
    FILENAME == ARGV[1] { before[$1] = $2; next }
    { delta = $2 - before[$1]
      if ($1 == "machine_all") all = delta; else if ($1 == "machine_busy") busy = delta
      else if ($1 == "children") ours += delta / 100 * hz; else if ($1 != "jit" && $1 != "burner") ours += delta }
    END { rest = busy - ours; if (rest < 0) rest = 0; printf "%.0f\n", (all > 0 ? 100 * rest / all : 0) }' \
    "$RUN_DIR/cpu.$1" "$RUN_DIR/cpu.$2"
}

# load_cpu_warning FROM TO: a line for a fragment when other processes took more than 10 % of the CPU.
load_cpu_warning() {
  local others
  others="$(load_cpu_others "$1" "$2")"
  if [ "$others" -gt 10 ]; then
    echo "**Other processes on the machine used $others % of its CPU during this run$(load_burner_note): the figures above are not the system's own.**"
    echo
  fi
}
