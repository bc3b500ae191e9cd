#!/usr/bin/env bash
# Smoke test of a running deployment from the outside, read-only: the homepage
# reaches a page, both health endpoints answer, a signed-out visitor is sent
# to sign in, the API refuses a request without a session, and a signed-in
# request reads from the database. Prints one line per check; exits non-zero
# if any failed. It creates nothing and needs only curl.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: smoke.sh [--web URL] [--api URL]

  --web URL   the web app's base URL (SMOKE_WEB_URL, default http://127.0.0.1:3000)
  --api URL   the API's base URL     (SMOKE_API_URL, default http://127.0.0.1:3001)

The signed-in check uses SMOKE_TOKEN (a session token of a real user; required in
production, where the dev sign-in does not exist). Without it, the script asks the
API's dev sign-in for SMOKE_DEV_USER's token (default dev_ava): only outside production.
EOF
}

parse_args() {
  WEB_URL="${SMOKE_WEB_URL:-http://127.0.0.1:3000}"
  API_URL="${SMOKE_API_URL:-http://127.0.0.1:3001}"
  while [ "$#" -gt 0 ]; do
    case "$1" in
      --web) WEB_URL="${2:?--web needs a URL}" && shift ;;
      --api) API_URL="${2:?--api needs a URL}" && shift ;;
      -h | --help) usage && exit 0 ;;
      *) usage >&2 && exit 64 ;;
    esac
    shift
  done
  WEB_URL="${WEB_URL%/}"
  API_URL="${API_URL%/}"
  FAILED=0
}

check() {
  local name="$1" got="$2" want="$3"
  if [[ "$got" =~ ^($want)$ ]]; then
    printf 'PASS  %s (%s)\n' "$name" "$got"
  else
    printf 'FAIL  %s: got %s, want %s\n' "$name" "$got" "$want"
    FAILED=$((FAILED + 1))
  fi
}

status_of() { curl -s -o /dev/null -m 15 -w '%{http_code}' "$@" || true; }

check_pages() {
  local home redirect
  home="$(curl -s -L -o /dev/null -m 30 -w '%{http_code} %{url_effective}' "$WEB_URL/" || true)"
  check "homepage reaches a page (${home#* })" "${home%% *}" 200
  check "web /health" "$(status_of "$WEB_URL/health")" 200
  check "api /health" "$(status_of "$API_URL/health")" 200
  check "api /health/ready (database, Temporal)" "$(status_of "$API_URL/health/ready")" 200
  redirect="$(curl -s -o /dev/null -m 15 -w '%{http_code} %{redirect_url}' "$WEB_URL/overview" || true)"
  check "signed-out /overview redirects" "${redirect%% *}" '30[1278]'
  if [[ "$redirect" == *"/sign-in"* ]]; then
    check "redirect target is the sign-in page" sign-in sign-in
  else
    check "redirect target is the sign-in page" "${redirect#* }" '.*/sign-in.*'
  fi
  check "api /api/system/me without a session" "$(status_of "$API_URL/api/system/me")" 401
}

session_token() {
  if [ -n "${SMOKE_TOKEN:-}" ]; then
    printf '%s' "$SMOKE_TOKEN"
    return
  fi
  curl -s -m 15 -X POST -H 'content-type: application/json' \
    -d "{\"clerkUserId\":\"${SMOKE_DEV_USER:-dev_ava}\"}" "$API_URL/api/auth/dev/sign-in" |
    sed -n 's/.*"token":"\([^"]*\)".*/\1/p' || true
}

check_signed_in_read() {
  local token body status
  token="$(session_token)"
  if [ -z "$token" ]; then
    check "signed-in read: a session token (set SMOKE_TOKEN; the dev sign-in is off in production)" none token
    return
  fi
  body="$(mktemp)"
  status="$(curl -s -o "$body" -m 15 -w '%{http_code}' -H "authorization: Bearer $token" "$API_URL/api/system/me" || true)"
  check "signed-in /api/system/me reads the database" "$status" 200
  if grep -q '"tenant":{"id":"' "$body"; then
    check "the answer names the user's tenant" yes yes
  else
    check "the answer names the user's tenant" "$(head -c 200 "$body")" '.*"tenant".*'
  fi
  rm -f "$body"
}

main() {
  parse_args "$@"
  printf 'smoke test of web %s and api %s\n' "$WEB_URL" "$API_URL"
  check_pages
  check_signed_in_read
  if [ "$FAILED" -gt 0 ]; then
    printf '%d check(s) failed\n' "$FAILED"
    exit 1
  fi
  printf 'all checks passed\n'
}

main "$@"
