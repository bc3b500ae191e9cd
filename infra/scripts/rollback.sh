#!/usr/bin/env bash
# Puts an earlier release back in service: the `previous` one, or one named by
# its commit (a prefix is enough). It switches `current`, reloads PM2 and checks
# health the way deploy.sh does; if the target is unhealthy it switches back.
# It never touches the database: migrations only move forward (each must suit
# the release before it), and the pre-migration dumps are for disasters.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=SCRIPTDIR/lib.sh
source "$SCRIPT_DIR/lib.sh"

usage() {
  cat <<'EOF'
usage: rollback.sh [options] [RELEASE]

Switches to RELEASE (a commit sha or a unique prefix of one in releases/), or to the
`previous` release when none is given, then reloads every app and checks health.

options:
  --base DIR         deploy root                   (AKOUNT_BASE, default /home/deploy/akount)
  --env-file FILE    shared env file               (AKOUNT_ENV_FILE, default $AKOUNT_BASE/shared/.env)
  --list             list the releases and exit
  -h, --help         this message

environment: AKOUNT_LOG_DIR, AKOUNT_HEALTH_RETRIES [20], AKOUNT_HEALTH_INTERVAL [3], PM2 [pm2],
PM2_HOME (as for deploy.sh).

exit status: 0 the target is live and healthy; 1 not switched, or switched back to the
release that was live; 2 neither is healthy; 64 usage.
EOF
}

parse_args() {
  TARGET=""
  LIST=0
  while [ "$#" -gt 0 ]; do
    case "$1" in
      --base) AKOUNT_BASE="${2:?--base needs a folder}" && shift ;;
      --env-file) AKOUNT_ENV_FILE="${2:?--env-file needs a file}" && shift ;;
      --list) LIST=1 ;;
      -h | --help) usage && exit 0 ;;
      -*) usage >&2 && exit 64 ;;
      *) TARGET="$1" ;;
    esac
    shift
  done
}

list_releases() {
  local current previous folder name mark
  current="$(release_of "$AKOUNT_BASE/current")"
  previous="$(release_of "$AKOUNT_BASE/previous")"
  while IFS= read -r folder; do
    name="${folder##*/}"
    mark=""
    [ "$name" = "$current" ] && mark+=" (current)"
    [ "$name" = "$previous" ] && mark+=" (previous)"
    release_ready "$name" || mark+=" (incomplete)"
    [ -f "$folder/.akount-release-failed" ] && mark+=" (failed a deploy)"
    printf '%s%s\n' "$name" "$mark"
  done < <(find "$RELEASES_DIR" -mindepth 1 -maxdepth 1 -type d -printf '%T@ %p\n' | sort -rn | cut -d' ' -f2-)
}

resolve_target() {
  local matches=()
  if [ -z "$TARGET" ]; then
    TARGET="$(release_of "$AKOUNT_BASE/previous")"
    [ -n "$TARGET" ] || die "there is no previous release; name one (rollback.sh --list)"
    return
  fi
  mapfile -t matches < <(find "$RELEASES_DIR" -mindepth 1 -maxdepth 1 -type d -name "$TARGET*" -printf '%f\n')
  [ "${#matches[@]}" -eq 1 ] || die "$TARGET matches ${#matches[@]} releases; rollback.sh --list shows them"
  TARGET="${matches[0]}"
}

main() {
  local current previous
  parse_args "$@"
  load_settings
  if [ "$LIST" = 1 ]; then
    list_releases
    return
  fi
  require_commands node curl flock "$PM2"
  acquire_lock
  read_env_file
  resolve_target
  release_ready "$TARGET" || die "release $TARGET never finished building; it cannot be put live"
  current="$(release_of "$AKOUNT_BASE/current")"
  previous="$(release_of "$AKOUNT_BASE/previous")"
  [ "$TARGET" != "$current" ] || die "release ${TARGET:0:12} is already current"
  say "rolling back: current ${current:-(none)} -> $TARGET"
  set_link current "$TARGET"
  set_link previous "$current"
  if reload_and_verify "$TARGET"; then
    save_pm2
    record_history "rollback to $TARGET live (previous ${current:-none})"
    say "release ${TARGET:0:12} is live"
    return 0
  fi
  record_history "rollback to $TARGET FAILED its health check"
  [ -n "$current" ] || die "release ${TARGET:0:12} is unhealthy and nothing else was live" 2
  if switch_back "$current" "$previous"; then
    save_pm2
    die "release ${TARGET:0:12} failed its health check; ${current:0:12} is serving again" 1
  fi
  die "release ${TARGET:0:12} failed and ${current:0:12} is unhealthy too: see pm2 logs" 2
}

main "$@"
