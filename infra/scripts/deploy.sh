#!/usr/bin/env bash
# Deploys one commit of Akount to this droplet: fetch it into its own release
# folder, install and build it there, back up the database, apply migrations,
# boot the new release once on spare ports (preflight), point `current` at it,
# reload PM2 (the API without dropping requests) and check health; a release
# that fails the check is rolled back to the one that was live. It never seeds
# demo data and never edits a release that is live. Layout: docs/deploy.md.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=SCRIPTDIR/lib.sh
source "$SCRIPT_DIR/lib.sh"

usage() {
  cat <<'EOF'
usage: deploy.sh [options] [REF]

Deploys REF (a branch, tag or commit of the repository; default: main).

options:
  --base DIR         deploy root                     (AKOUNT_BASE, default /home/deploy/akount)
  --repo URL         git repository to fetch from    (AKOUNT_REPO_URL; needed for the first deploy,
                     later the mirror's own remote is used)
  --env-file FILE    shared env file for every app   (AKOUNT_ENV_FILE, default $AKOUNT_BASE/shared/.env)
  --no-preflight     skip booting the release on spare ports before switching (AKOUNT_PREFLIGHT=0)
  -h, --help         this message

environment (defaults in brackets):
  AKOUNT_LOG_DIR            PM2 logs [$AKOUNT_BASE/shared/logs]
  AKOUNT_KEEP_RELEASES      release folders kept besides current/previous [5]
  AKOUNT_KEEP_BACKUPS       pre-migration dumps kept [10]
  AKOUNT_HEALTH_RETRIES     health attempts after the reload [20]
  AKOUNT_HEALTH_INTERVAL    seconds between attempts [3]
  AKOUNT_PREFLIGHT_API_PORT, AKOUNT_PREFLIGHT_WEB_PORT, AKOUNT_PREFLIGHT_WORKER_PORT
                            spare loopback ports of the preflight [3011, 3010, 3012]
  AKOUNT_PREFLIGHT_TIMEOUT  seconds the preflight waits for health [120]
  AKOUNT_MIGRATOR           project (packages/db's runner) | prisma (`prisma migrate deploy`,
                            needs Prisma's schema engine) [project]
  AKOUNT_PG_DUMP            pg_dump of the server's major version [pg_dump]
  PM2                       pm2 executable (installed globally, outside the releases) [pm2]
  PM2_HOME                  PM2's state folder [~/.pm2]

The env file holds the apps' variables (.env.example) plus DEPLOY_BACKUP_DATABASE_URL, the
URL of a role with BYPASSRLS that pg_dump uses (DEPLOY_* keys never reach the apps).

exit status: 0 live and healthy; 1 failed, the release that was live still serves
(never switched, or rolled back); 2 failed and the rollback is unhealthy too; 64 usage.
EOF
}

parse_args() {
  REF="main"
  while [ "$#" -gt 0 ]; do
    case "$1" in
      --base) AKOUNT_BASE="${2:?--base needs a folder}" && shift ;;
      --repo) AKOUNT_REPO_URL="${2:?--repo needs a URL}" && shift ;;
      --env-file) AKOUNT_ENV_FILE="${2:?--env-file needs a file}" && shift ;;
      --no-preflight) AKOUNT_PREFLIGHT=0 ;;
      -h | --help) usage && exit 0 ;;
      -*) usage >&2 && exit 64 ;;
      *) REF="$1" ;;
    esac
    shift
  done
}

load_deploy_settings() {
  load_settings
  AKOUNT_REPO_URL="${AKOUNT_REPO_URL:-}"
  AKOUNT_KEEP_RELEASES="${AKOUNT_KEEP_RELEASES:-5}"
  AKOUNT_KEEP_BACKUPS="${AKOUNT_KEEP_BACKUPS:-10}"
  AKOUNT_PREFLIGHT="${AKOUNT_PREFLIGHT:-1}"
  AKOUNT_PREFLIGHT_API_PORT="${AKOUNT_PREFLIGHT_API_PORT:-3011}"
  AKOUNT_PREFLIGHT_WEB_PORT="${AKOUNT_PREFLIGHT_WEB_PORT:-3010}"
  AKOUNT_PREFLIGHT_WORKER_PORT="${AKOUNT_PREFLIGHT_WORKER_PORT:-3012}"
  AKOUNT_PREFLIGHT_TIMEOUT="${AKOUNT_PREFLIGHT_TIMEOUT:-120}"
  AKOUNT_MIGRATOR="${AKOUNT_MIGRATOR:-project}"
  AKOUNT_PG_DUMP="${AKOUNT_PG_DUMP:-pg_dump}"
  PREFLIGHT_PIDS=()
}

# Output of npm, prisma and next goes to a log per deploy; its tail is shown on failure.
start_deploy_log() {
  mkdir -p "$SHARED_DIR/deploy-logs"
  DEPLOY_LOG="$SHARED_DIR/deploy-logs/$(date -u +%Y%m%dT%H%M%SZ)-$$.log"
  : >"$DEPLOY_LOG"
  find "$SHARED_DIR/deploy-logs" -name '*.log' -type f -mtime +30 -delete
}

# Runs a step with its output in the deploy log; returns its status.
run_step() {
  local label="$1" started
  shift
  started="$(date +%s)"
  say "$label…"
  "$@" >>"$DEPLOY_LOG" 2>&1 || return 1
  say "$label: done in $(seconds_since "$started") s"
}

# A step that must succeed: on failure, the tail of its output and the end of the deploy.
run_logged() {
  local label="$1"
  if ! run_step "$@"; then
    tail -n 40 "$DEPLOY_LOG" >&2
    die "$label failed (full output: $DEPLOY_LOG)"
  fi
}

# A bare mirror of the repository; each release is an export of one commit from it.
fetch_revision() {
  local mirror="$AKOUNT_BASE/repo.git"
  if [ ! -d "$mirror" ]; then
    [ -n "$AKOUNT_REPO_URL" ] || die "first deploy: give the repository with --repo or AKOUNT_REPO_URL"
    git clone --quiet --mirror "$AKOUNT_REPO_URL" "$mirror"
  else
    if [ -n "$AKOUNT_REPO_URL" ]; then git --git-dir="$mirror" remote set-url origin "$AKOUNT_REPO_URL"; fi
    git --git-dir="$mirror" fetch --quiet --prune origin
  fi
  SHA="$(git --git-dir="$mirror" rev-parse --verify --quiet "$REF^{commit}")" || die "$REF is not a commit of the repository"
}

export_tree() {
  git --git-dir="$AKOUNT_BASE/repo.git" archive --format=tar "$SHA" | tar -x -C "$1"
  printf '%s\n' "$SHA" >"$1/REVISION"
}

# Same lockfile as the live release: hard-link its node_modules folders (no download,
# no extra disk). Safe because nothing writes into node_modules after the install
# (the Prisma client is generated into packages/db/src, next build into web/.next),
# and the folders are new, so files added to one release never show in the other.
link_dependencies_from() {
  local from="$1" to="$2" folder
  while IFS= read -r -d '' folder; do
    mkdir -p "$to/$(dirname "$folder")"
    cp -al "$from/$folder" "$to/$folder"
  done < <(cd "$from" && find . -name '.next*' -prune -o -name node_modules -type d -prune -print0)
}

npm_ci() { (cd "$1" && npm ci --prefer-offline --no-audit --no-fund --include=dev); }

# npm ci refuses a lockfile that lacks an optional package the registry no longer
# serves (see scripts/bootstrap/dependencies.mjs); npm install then installs the same
# versions. The committed lockfile stays the release's, whatever npm writes.
npm_install_locked() {
  local dir="$1"
  cp "$dir/package-lock.json" "$dir/.package-lock.committed"
  (cd "$dir" && npm install --prefer-offline --no-audit --no-fund --include=dev)
  if ! cmp -s "$dir/package-lock.json" "$dir/.package-lock.committed"; then
    echo "WARNING: npm install changed package-lock.json; the release keeps the committed one"
    mv "$dir/.package-lock.committed" "$dir/package-lock.json"
  fi
  rm -f "$dir/.package-lock.committed"
}

install_dependencies() {
  local dir="$1" live="$2" live_name="${2##*/}"
  if [ -n "$live" ] && [ -d "$live/node_modules" ] && cmp -s "$live/package-lock.json" "$dir/package-lock.json"; then
    run_logged "dependencies: lockfile unchanged, hard-linking node_modules from ${live_name:0:12}" link_dependencies_from "$live" "$dir"
  elif ! run_step "dependencies: npm ci" npm_ci "$dir"; then
    warn "npm ci refused the install (see $DEPLOY_LOG); installing from the same lockfile with npm install"
    run_logged "dependencies: npm install" npm_install_locked "$dir"
  fi
}

# The Prisma client is generated, not committed: reuse the live one when the schema is the same.
generate_prisma_client() {
  local dir="$1" live="$2" generated="packages/db/src/generated"
  if [ -n "$live" ] && [ -d "$live/$generated" ] && cmp -s "$live/packages/db/prisma/schema.prisma" "$dir/packages/db/prisma/schema.prisma"; then
    cp -a "$live/$generated" "$dir/$generated"
  fi
  (cd "$dir" && node --input-type=module -e "(await import('./scripts/bootstrap/dependencies.mjs')).ensurePrismaClient();")
}

build_web() { (cd "$1/web" && with_env_file NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 node ../node_modules/next/dist/bin/next build); }

build_release() {
  local dir live
  dir="$(release_dir "$SHA")"
  live="$(readlink -f "$AKOUNT_BASE/current" 2>/dev/null || true)"
  if release_ready "$SHA"; then
    say "release ${SHA:0:12} is already built: reusing it"
    return
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  run_logged "checkout ${SHA:0:12}" export_tree "$dir"
  install_dependencies "$dir" "$live"
  run_logged "prisma client" generate_prisma_client "$dir" "$live"
  run_logged "web build (next build)" build_web "$dir"
  mark_release_ready "$SHA"
}

# pg_dump needs a role that bypasses row-level security: the tables FORCE it, so
# even their owner (the app role) would get an error instead of the rows.
backup_database() {
  local url file started
  url="$(env_value DEPLOY_BACKUP_DATABASE_URL)"
  [ -n "$url" ] || die "DEPLOY_BACKUP_DATABASE_URL is not set in $AKOUNT_ENV_FILE (a role with BYPASSRLS for pg_dump; docs/deploy.md)"
  pg_env_pairs "$url"
  mkdir -p "$SHARED_DIR/backups"
  file="$SHARED_DIR/backups/$(date -u +%Y%m%dT%H%M%SZ)-before-${SHA:0:12}.dump"
  started="$(date +%s)"
  say "backup: pg_dump before migrations…"
  if ! (umask 077 && env "${PG_PAIRS[@]}" "$AKOUNT_PG_DUMP" --format=custom --file="$file.partial"); then
    rm -f "$file.partial"
    die "pg_dump failed: nothing was migrated or switched"
  fi
  mv "$file.partial" "$file"
  say "backup: $file ($(du -h "$file" | cut -f1), $(seconds_since "$started") s)"
  find "$SHARED_DIR/backups" -name '*.dump' -type f -printf '%T@ %p\n' | sort -rn |
    tail -n +"$((AKOUNT_KEEP_BACKUPS + 1))" | cut -d' ' -f2- | xargs -r rm -f
}

migrate_database() {
  local dir
  dir="$(release_dir "$SHA")"
  say "migrations ($AKOUNT_MIGRATOR)…"
  case "$AKOUNT_MIGRATOR" in
    project) (cd "$dir" && with_env_file node --import tsx packages/db/src/cli/migrate.ts) 2>&1 | tee -a "$DEPLOY_LOG" ;;
    prisma) (cd "$dir/packages/db" && with_env_file node ../../node_modules/prisma/build/index.js migrate deploy) 2>&1 | tee -a "$DEPLOY_LOG" ;;
    *) die "AKOUNT_MIGRATOR must be project or prisma, not $AKOUNT_MIGRATOR" ;;
  esac || die "migrations failed: the live release was not touched; the dump taken before them is in $SHARED_DIR/backups"
}

# Starts one app of the new release in the background on a spare port (output in its log).
preflight_start() {
  local name="$1" dir="$2" log="$SHARED_DIR/deploy-logs/preflight-$1.log"
  shift 2
  (cd "$dir" && exec env "${ENV_PAIRS[@]}" "$@") >"$log" 2>&1 9>&- &
  PREFLIGHT_PIDS+=("$!")
  PREFLIGHT_NAMES+=("$name")
  PREFLIGHT_LOGS+=("$log")
}

preflight_stop() {
  local pid waited
  for pid in "${PREFLIGHT_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PREFLIGHT_PIDS[@]}"; do
    for ((waited = 0; waited < 30; waited++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  PREFLIGHT_PIDS=()
}

# The new release boots once beside the live one, with the production env, one pool
# connection per process and its own task queue: a release that cannot boot or is not
# ready never replaces a working one. Sets PREFLIGHT_FAILURE on failure.
preflight() {
  local dir deadline index url status pending database
  dir="$(release_dir "$SHA")"
  database="$(with_connection_limit "$(env_value DATABASE_URL)" 1)" || die "DATABASE_URL in $AKOUNT_ENV_FILE is not a URL"
  PREFLIGHT_NAMES=()
  PREFLIGHT_LOGS=()
  PREFLIGHT_FAILURE=""
  local urls=("http://127.0.0.1:$AKOUNT_PREFLIGHT_API_PORT/health/ready" "http://127.0.0.1:$AKOUNT_PREFLIGHT_WORKER_PORT/health"
    "http://127.0.0.1:$AKOUNT_PREFLIGHT_WEB_PORT/health")
  for url in "${urls[@]}"; do
    [ "$(http_status "$url")" = 000 ] || die "preflight: something already answers on $url; free the port or set AKOUNT_PREFLIGHT_*_PORT"
  done
  say "preflight: booting ${SHA:0:12} on ports $AKOUNT_PREFLIGHT_API_PORT, $AKOUNT_PREFLIGHT_WORKER_PORT, $AKOUNT_PREFLIGHT_WEB_PORT…"
  preflight_start api "$dir" API_PORT="$AKOUNT_PREFLIGHT_API_PORT" API_INSTANCES=1 DATABASE_URL="$database" \
    node --import tsx api/src/main.ts
  preflight_start worker "$dir" WORKER_HEALTH_PORT="$AKOUNT_PREFLIGHT_WORKER_PORT" DATABASE_URL="$database" \
    TEMPORAL_TASK_QUEUE="akount-preflight-${SHA:0:12}" WORKER_SHUTDOWN_GRACE_SECONDS=5 node --import tsx workflows/src/worker.ts
  preflight_start web "$dir/web" NEXT_TELEMETRY_DISABLED=1 \
    node ../node_modules/next/dist/bin/next start --port "$AKOUNT_PREFLIGHT_WEB_PORT" --hostname 127.0.0.1
  deadline=$(($(date +%s) + AKOUNT_PREFLIGHT_TIMEOUT))
  local healthy=(0 0 0)
  while :; do
    pending=0
    for index in 0 1 2; do
      [ "${healthy[$index]}" = 1 ] && continue
      url="${urls[$index]}"
      status="$(http_status "$url")"
      if [ "$status" = 200 ]; then
        healthy[index]=1
        say "preflight: ${PREFLIGHT_NAMES[$index]} healthy"
      elif ! kill -0 "${PREFLIGHT_PIDS[$index]}" 2>/dev/null; then
        PREFLIGHT_FAILURE="${PREFLIGHT_NAMES[$index]} exited before it was healthy"
      else
        pending=1
      fi
    done
    [ -n "$PREFLIGHT_FAILURE" ] && break
    [ "$pending" = 0 ] && break
    if [ "$(date +%s)" -ge "$deadline" ]; then
      PREFLIGHT_FAILURE="not healthy within $AKOUNT_PREFLIGHT_TIMEOUT s"
      break
    fi
    sleep 1
  done
  preflight_stop
  if [ -n "$PREFLIGHT_FAILURE" ]; then
    for index in 0 1 2; do
      [ "${healthy[$index]}" = 1 ] && continue
      printf -- '--- preflight %s (last lines of %s)\n' "${PREFLIGHT_NAMES[$index]}" "${PREFLIGHT_LOGS[$index]}" >&2
      tail -n 15 "${PREFLIGHT_LOGS[$index]}" >&2
    done
    return 1
  fi
  say "preflight: every app of ${SHA:0:12} booted and answered healthy"
}

prune_releases() {
  local keep_current keep_previous folder kept=0
  keep_current="$(release_of "$AKOUNT_BASE/current")"
  keep_previous="$(release_of "$AKOUNT_BASE/previous")"
  while IFS= read -r folder; do
    folder="${folder%/}"
    case "${folder##*/}" in "$keep_current" | "$keep_previous") continue ;; esac
    kept=$((kept + 1))
    if [ "$kept" -gt "$AKOUNT_KEEP_RELEASES" ]; then
      say "pruning release ${folder##*/}"
      rm -rf "$folder"
    fi
  done < <(find "$RELEASES_DIR" -mindepth 1 -maxdepth 1 -type d -printf '%T@ %p\n' | sort -rn | cut -d' ' -f2-)
}

# Switches to the new release and reloads; on a failed health check, switches back.
go_live() {
  local old_current old_previous new_previous
  old_current="$(release_of "$AKOUNT_BASE/current")"
  old_previous="$(release_of "$AKOUNT_BASE/previous")"
  new_previous="$old_current"
  [ "$old_current" = "$SHA" ] && new_previous="$old_previous"
  say "switching current: ${old_current:-(none)} -> $SHA"
  set_link current "$SHA"
  set_link previous "$new_previous"
  if reload_and_verify "$SHA"; then
    rm -f "$(release_dir "$SHA")/.akount-release-failed"
    save_pm2
    record_history "deploy $SHA live (previous ${new_previous:-none})"
    return 0
  fi
  touch "$(release_dir "$SHA")/.akount-release-failed"
  record_history "deploy $SHA FAILED its health check"
  if [ -z "$old_current" ] || [ "$old_current" = "$SHA" ]; then
    die "release ${SHA:0:12} is unhealthy and there is no other release to return to: see pm2 logs" 2
  fi
  if switch_back "$old_current" "$old_previous"; then
    save_pm2
    record_history "rollback to $old_current after the failed deploy of $SHA"
    die "deploy of ${SHA:0:12} failed its health check; rolled back to ${old_current:0:12}, which is serving" 1
  fi
  record_history "rollback to $old_current is UNHEALTHY"
  die "deploy of ${SHA:0:12} failed and the rollback to ${old_current:0:12} is unhealthy too: see pm2 logs" 2
}

main() {
  local started live
  parse_args "$@"
  load_deploy_settings
  started="$(date +%s)"
  require_commands git node npm curl flock tar "$PM2" "$AKOUNT_PG_DUMP"
  node -e 'process.exit(typeof require("node:util").parseEnv === "function" ? 0 : 1)' || die "Node.js 20.19+ is required"
  acquire_lock
  mkdir -p "$RELEASES_DIR" "$SHARED_DIR" "$AKOUNT_LOG_DIR"
  read_env_file
  start_deploy_log
  trap 'preflight_stop' EXIT
  trap 'exit 130' INT TERM
  fetch_revision
  say "deploying $REF = $SHA (log: $DEPLOY_LOG)"
  build_release
  backup_database
  migrate_database
  if [ "$AKOUNT_PREFLIGHT" != 0 ]; then
    if ! preflight; then
      live="$(release_of "$AKOUNT_BASE/current")"
      live="${live:0:12}"
      touch "$(release_dir "$SHA")/.akount-release-failed"
      record_history "deploy $SHA refused by the preflight: $PREFLIGHT_FAILURE"
      die "preflight of ${SHA:0:12} failed ($PREFLIGHT_FAILURE): nothing was switched; live: ${live:-nothing yet}" 1
    fi
  fi
  go_live
  prune_releases
  say "deployed ${SHA:0:12} in $(seconds_since "$started") s"
}

main "$@"
