#!/usr/bin/env bash
# Shared functions of deploy.sh and rollback.sh: the release layout under the
# deploy root, the shared env file (parsed by Node's own parser, the one the
# PM2 ecosystem uses), the deploy lock, switching the `current` link, PM2
# reloads and the health check that decides whether a release is live.
# Sourced, never run; it changes nothing until a caller asks it to.

# Settings every script shares; each can be overridden from the environment.
load_settings() {
  AKOUNT_BASE="${AKOUNT_BASE:-/home/deploy/akount}"
  AKOUNT_ENV_FILE="${AKOUNT_ENV_FILE:-$AKOUNT_BASE/shared/.env}"
  AKOUNT_LOG_DIR="${AKOUNT_LOG_DIR:-$AKOUNT_BASE/shared/logs}"
  AKOUNT_HEALTH_RETRIES="${AKOUNT_HEALTH_RETRIES:-20}"
  AKOUNT_HEALTH_INTERVAL="${AKOUNT_HEALTH_INTERVAL:-3}"
  PM2="${PM2:-pm2}"
  RELEASES_DIR="$AKOUNT_BASE/releases"
  SHARED_DIR="$AKOUNT_BASE/shared"
  READY_MARKER=".akount-release-ready"
  APPS=(akount-api akount-worker akount-web)
  ENV_PAIRS=()
  declare -gA ENVF=()
}

say() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
warn() { printf '[%s] WARNING: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() {
  printf '[%s] ERROR: %s\n' "$(date -u +%H:%M:%S)" "$1" >&2
  exit "${2:-1}"
}

require_commands() {
  local name
  for name in "$@"; do
    command -v "$name" >/dev/null 2>&1 || die "$name is required but not on PATH"
  done
}

seconds_since() { echo $(($(date +%s) - $1)); }

# Only one deploy or rollback at a time per deploy root.
acquire_lock() {
  mkdir -p "$AKOUNT_BASE"
  exec 9>"$AKOUNT_BASE/.deploy.lock"
  flock -n 9 || die "another deploy or rollback holds $AKOUNT_BASE/.deploy.lock"
}

# Reads the shared env file into ENVF (every key) and ENV_PAIRS (KEY=VALUE
# words for `env`, without the deploy-only DEPLOY_* keys the apps never see).
read_env_file() {
  [ -f "$AKOUNT_ENV_FILE" ] || die "env file $AKOUNT_ENV_FILE is missing: create it from .env.example (see docs/deploy.md)"
  local pair
  ENV_PAIRS=()
  ENVF=()
  while IFS= read -r -d '' pair; do
    ENVF["${pair%%=*}"]="${pair#*=}"
    case "$pair" in
      DEPLOY_*) ;;
      *) ENV_PAIRS+=("$pair") ;;
    esac
  done < <(node -e '
    const { parseEnv } = require("node:util");
    const parsed = parseEnv(require("node:fs").readFileSync(process.argv[1], "utf8"));
    for (const [key, value] of Object.entries(parsed)) process.stdout.write(key + "=" + value + "\0");
  ' "$AKOUNT_ENV_FILE")
}

env_value() { printf '%s' "${ENVF[$1]:-${2:-}}"; }

# Runs a command with the env file's variables winning over the caller's.
with_env_file() { env "${ENV_PAIRS[@]}" "$@"; }

# libpq variables (PGHOST, PGPASSWORD, ...) for a postgres:// URL, so a password never shows in `ps`.
pg_env_pairs() {
  local pair
  PG_PAIRS=()
  while IFS= read -r -d '' pair; do PG_PAIRS+=("$pair"); done < <(node -e '
    const url = new URL(process.argv[1]);
    const out = { PGHOST: url.hostname, PGPORT: url.port || "5432", PGUSER: decodeURIComponent(url.username),
      PGPASSWORD: decodeURIComponent(url.password), PGDATABASE: decodeURIComponent(url.pathname.slice(1)) };
    const sslmode = url.searchParams.get("sslmode");
    if (sslmode) out.PGSSLMODE = sslmode;
    for (const [key, value] of Object.entries(out)) if (value) process.stdout.write(key + "=" + value + "\0");
  ' "$1")
}

# The URL with `connection_limit` (which packages/db prefers to DATABASE_POOL_SIZE) set to N.
with_connection_limit() {
  node -e '
    const url = new URL(process.argv[1]);
    url.searchParams.set("connection_limit", process.argv[2]);
    process.stdout.write(url.toString());
  ' "$1" "$2"
}

api_health_url() {
  local host
  host="$(env_value API_HOST 127.0.0.1)"
  [ "$host" = "0.0.0.0" ] && host=127.0.0.1
  printf 'http://%s:%s/health/ready' "$host" "$(env_value API_PORT 3001)"
}
web_health_url() { printf 'http://127.0.0.1:%s/health' "$(env_value WEB_PORT 3000)"; }
worker_health_url() { printf 'http://%s:%s/health' "$(env_value WORKER_HEALTH_HOST 127.0.0.1)" "$(env_value WORKER_HEALTH_PORT 3002)"; }

release_dir() { printf '%s/%s' "$RELEASES_DIR" "$1"; }

# A release folder is usable once its build finished (the marker is written last).
release_ready() { [ -f "$(release_dir "$1")/$READY_MARKER" ]; }

mark_release_ready() { printf 'built %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$(release_dir "$1")/$READY_MARKER"; }

# The release a link points at (its folder name, the commit sha), or nothing.
release_of() {
  local target
  target="$(readlink -f "$1" 2>/dev/null)" || return 0
  [ -d "$target" ] && basename "$target"
  return 0
}

# Points `current` (and `previous`) at releases atomically: a new link renamed over the old one.
set_link() {
  local name="$1" release="$2"
  if [ -z "$release" ]; then
    rm -f "${AKOUNT_BASE:?}/$name"
    return
  fi
  ln -sfn "releases/$release" "$AKOUNT_BASE/.$name.new"
  mv -Tf "$AKOUNT_BASE/.$name.new" "$AKOUNT_BASE/$name"
}

# From the deploy root: a daemon this starts keeps that working directory for good, and
# a release folder would later be pruned from under it.
run_pm2() { (cd "$AKOUNT_BASE" && "$PM2" "$@"); }

# Starts or reloads one app from the ecosystem file of the release `current` points
# at (re-read, so its env and settings apply): the API's cluster instance by instance,
# each old one retiring once its replacement listens; the worker and the web app
# restart (the worker drains its running activities first). PM2 can refuse to reload
# an app that is crash-looping ("Process with pid … already exists"); then it is
# tried again, and finally deleted and started afresh.
reload_app() {
  local app="$1" ecosystem="$AKOUNT_BASE/current/infra/pm2/ecosystem.config.cjs" started attempt release
  [ -f "$ecosystem" ] || die "$ecosystem is missing"
  release="$(release_of "$AKOUNT_BASE/current")"
  mkdir -p "$AKOUNT_LOG_DIR"
  started="$(date +%s)"
  for attempt in 1 2 3; do
    pm2_ecosystem startOrReload "$ecosystem" --only "$app" --update-env || true
    if app_runs_release "$app" "$release"; then
      say "pm2: $app started or reloaded in $(seconds_since "$started") s"
      return 0
    fi
    warn "pm2 did not put $app on ${release:0:12} (attempt $attempt)"
    sleep 2
  done
  warn "pm2: deleting $app and starting it afresh"
  run_pm2 delete "$app" >/dev/null 2>&1 || true
  pm2_ecosystem start "$ecosystem" --only "$app" || warn "pm2 could not start $app"
}

# Every PM2 process of the app carries the release's name (set by the ecosystem file).
app_runs_release() {
  local state
  state="$(pm2_state | awk -v app="$1" '$1 == app { print $5 }')"
  [ -n "$state" ] && ! grep -qv "^$2\$" <<<"$state"
}

# A pm2 command that loads the ecosystem file, with the settings it reads.
pm2_ecosystem() {
  AKOUNT_BASE="$AKOUNT_BASE" AKOUNT_APP_DIR="" AKOUNT_ENV_FILE="$AKOUNT_ENV_FILE" AKOUNT_LOG_DIR="$AKOUNT_LOG_DIR" \
    run_pm2 "$@" >/dev/null
}

# One line per Akount process PM2 runs: name, pm_id, pid, status ("waiting-restart"), release, restarts.
pm2_state() {
  run_pm2 jlist 2>/dev/null | node -e '
    let text = "";
    process.stdin.on("data", (chunk) => (text += chunk)).on("end", () => {
      const start = text.indexOf("[");
      const list = start < 0 ? [] : JSON.parse(text.slice(start));
      for (const p of list.filter((p) => p.name.startsWith("akount-")).sort((a, b) => a.pm_id - b.pm_id))
        console.log([p.name, p.pm_id, p.pid, p.pm2_env.status.replace(/\s+/g, "-"), p.pm2_env.env?.AKOUNT_RELEASE ?? "-", p.pm2_env.restart_time].join(" "));
    });
  '
}

http_status() { curl -s -o /dev/null -m 5 -w '%{http_code}' "$1" || true; }

health_url() {
  case "$1" in
    akount-api) api_health_url ;;
    akount-worker) worker_health_url ;;
    akount-web) web_health_url ;;
  esac
}

# One health pass of some apps of a release: each answers its health URL with 200
# and PM2 runs each of its processes online from that release. Sets HEALTH_REPORT
# and HEALTH_PIDS.
health_pass() {
  local release="$1" state app status running ok=0
  shift
  state="$(pm2_state)"
  HEALTH_PIDS="$(awk '{print $2 ":" $3}' <<<"$state" | tr '\n' ' ')"
  HEALTH_REPORT=""
  for app in "$@"; do
    status="$(http_status "$(health_url "$app")")"
    HEALTH_REPORT+="${HEALTH_REPORT:+, }$app $status"
    [ "$status" = 200 ] || ok=1
    grep -q "^$app " <<<"$state" || {
      HEALTH_REPORT+=" (not in pm2)"
      ok=1
    }
  done
  while read -r app _ _ status running _; do
    [[ " $* " == *" $app "* ]] || continue
    if [ "$status" != online ] || [ "$running" != "$release" ]; then
      HEALTH_REPORT+=", $app is $status on ${running:0:12}"
      ok=1
    fi
  done <<<"$state"
  return "$ok"
}

# A process of the release that PM2 restarted since the first check, or gave up on,
# crashed: a healthy boot never restarts, so there is no point waiting any longer.
crash_loop() {
  local release="$1" baseline="$2" app id status running restarts before
  while read -r app id _ status running restarts; do
    [ "$running" = "$release" ] || continue
    before="$(tr ' ' '\n' <<<"$baseline" | sed -n "s/^$id://p")"
    if [ "$status" = errored ] || [ "$restarts" -gt "${before:-$restarts}" ]; then
      HEALTH_REPORT+=", $app (pm2 id $id) crashed: $status after $restarts restarts"
      return 0
    fi
  done < <(pm2_state)
  return 1
}

# Healthy = two passes in a row with the same pids (a crash loop changes them),
# within AKOUNT_HEALTH_RETRIES attempts AKOUNT_HEALTH_INTERVAL seconds apart.
# Usage: verify_release RELEASE APP...
verify_release() {
  local release="$1" attempt passes=0 last_pids="" restarts
  shift
  restarts="$(pm2_state | awk '{print $2 ":" $6}' | tr '\n' ' ')"
  for ((attempt = 1; attempt <= AKOUNT_HEALTH_RETRIES; attempt++)); do
    if health_pass "$release" "$@"; then
      if [ "$passes" -gt 0 ] && [ "$HEALTH_PIDS" = "$last_pids" ]; then
        say "health of ${release:0:12}: OK on attempt $attempt ($HEALTH_REPORT)"
        return 0
      fi
      passes=1
      last_pids="$HEALTH_PIDS"
    else
      passes=0
      if crash_loop "$release" "$restarts"; then
        warn "health of ${release:0:12}: failed on attempt $attempt: $HEALTH_REPORT"
        return 1
      fi
      say "health of ${release:0:12}: attempt $attempt/$AKOUNT_HEALTH_RETRIES not yet: $HEALTH_REPORT"
    fi
    sleep "$AKOUNT_HEALTH_INTERVAL"
  done
  warn "health of ${release:0:12}: failed after $AKOUNT_HEALTH_RETRIES attempts: $HEALTH_REPORT"
  return 1
}

# Puts RELEASE live app by app (API, worker, web), each checked before the next is
# touched, so a broken API never costs a worker or web restart. Sets RELOADED to the
# apps it reloaded (what a switch back has to reload again).
reload_and_verify() {
  local release="$1" app
  RELOADED=()
  for app in "${APPS[@]}"; do
    reload_app "$app"
    RELOADED+=("$app")
    verify_release "$release" "$app" || return 1
  done
  verify_release "$release" "${APPS[@]}"
}

# Switches `current` back and reloads the apps a failed switch had reloaded.
switch_back() {
  local release="$1" previous="$2" app
  say "switching back: current -> $release"
  set_link current "$release"
  set_link previous "$previous"
  for app in "${RELOADED[@]}"; do reload_app "$app"; done
  verify_release "$release" "${APPS[@]}"
}

# Keeps PM2's saved process list (resurrected at boot by `pm2 startup`) in step with what runs.
save_pm2() { run_pm2 save --force >/dev/null 2>&1 || warn "pm2 save failed: the process list after a reboot may be stale"; }

record_history() {
  mkdir -p "$SHARED_DIR"
  printf '%s %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >>"$SHARED_DIR/deploys.log"
}
