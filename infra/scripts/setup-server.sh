#!/usr/bin/env bash
# Turns a fresh Ubuntu 24.04 droplet into an Akount host (docs/deploy.md, "Server setup"):
# the `deploy` user (SSH key only, sudo for two named commands), an admin user, sshd
# hardening, ufw, Node 22 + PM2 started by systemd, Nginx, Certbot, ClamAV (clamd +
# freshclam), Docker for the Temporal compose, unattended upgrades, swap, and the
# /home/deploy/akount/{releases,shared,backups} layout with a placeholder shared/.env.
#
# Idempotent by construction: every step checks before it changes, config files are written
# whole (and only when their content differs), and re-running it converges the same host.
# `--dry-run` runs the read-only checks and prints every change it would make, file contents
# included, so it can be reviewed (and tested) anywhere. It never deletes data or keys.
set -euo pipefail

readonly DEPLOY_USER=deploy
readonly DEPLOY_HOME=/home/deploy
readonly APP_DIR=/home/deploy/akount
readonly NODE_MAJOR=22
# The global PM2 the deploy scripts use; same version as the repo's devDependency.
readonly PM2_VERSION=7.0.4
readonly UBUNTU_CODENAME=noble
# Ubuntu's clamav-daemon listens on this unix socket (mode 666) and on no TCP port;
# the worker reaches it through CLAMAV_SOCKET, so nothing scans over the network.
readonly CLAMD_SOCKET=/run/clamav/clamd.ctl
readonly SSHD_DROP_IN=/etc/ssh/sshd_config.d/00-akount.conf
readonly SUDOERS_DROP_IN=/etc/sudoers.d/akount-deploy
readonly TEMPORAL_DIR=/etc/akount/temporal

DRY_RUN=0
DEPLOY_KEY=${DEPLOY_PUBLIC_KEY:-}
ADMIN_USER=${AKOUNT_ADMIN_USER:-akadmin}
ADMIN_KEY=${ADMIN_PUBLIC_KEY:-}
DOMAIN=${AKOUNT_DOMAIN:-}
CERT_EMAIL=${CERTBOT_EMAIL:-}
NGINX_SITE=""
TEMPORAL_COMPOSE=""
SWAP_SIZE=2G
PG_CLIENT=${AKOUNT_PG_CLIENT:-18}
HEARTBEAT_URL=${AKOUNT_HEARTBEAT_URL:-}
APT_UPDATED=0
FILE_CHANGED=0

usage() {
  cat <<'EOF'
usage: setup-server.sh --deploy-key KEY|FILE [options]

Prepares an Ubuntu 24.04 host for Akount. Run as root; safe to run again.

  --deploy-key KEY|FILE   public SSH key of the deploy user (CI's key); env DEPLOY_PUBLIC_KEY
  --admin-user NAME       administrator with full sudo (default akadmin); env AKOUNT_ADMIN_USER
  --admin-key KEY|FILE    admin's public key; default: keep its keys, or copy root's
                          authorized_keys once; env ADMIN_PUBLIC_KEY
  --domain NAME           public host name: gets a Let's Encrypt certificate and goes into
                          the placeholder shared/.env; env AKOUNT_DOMAIN
  --email ADDR            Let's Encrypt account e-mail (needed with --domain); env CERTBOT_EMAIL
  --nginx-site FILE       install FILE (infra/nginx/akount.conf) as the Nginx site
  --temporal-compose FILE start Temporal from FILE (docker-compose.temporal.yaml)
  --swap SIZE             swap file size, e.g. 2G; 0 for none (default 2G)
  --pg-client MAJOR       PostgreSQL client (pg_dump for deploy backups) from the PGDG apt
                          repository; at least the managed server's major (default 18)
  --heartbeat-url URL     every minute, when the worker's /health answers, GET this URL (an
                          uptime service's heartbeat monitor); env AKOUNT_HEARTBEAT_URL
  --print-sudoers         print the sudoers drop-ins (deploy, admin) and exit
  --dry-run               check and print what would change; change nothing
  -h, --help              this text
EOF
}

say() { printf '==> %s\n' "$*"; }
note() { printf '    %s\n' "$*"; }
die() {
  printf 'setup-server: %s\n' "$*" >&2
  exit 1
}

# Runs a command that changes the host, or prints it under --dry-run.
run() {
  if ((DRY_RUN)); then
    printf '[dry-run] would run: %s\n' "$*"
    return 0
  fi
  "$@"
}

# Writes CONTENT to DEST whole (atomically, with MODE and OWNER) when it differs; sets FILE_CHANGED.
# A dry run prints the content, or SUMMARY instead when one is given (for copies of repo files).
put_file() {
  local mode=$1 owner=$2 dest=$3 content=$4 summary=${5:-} tmp
  FILE_CHANGED=0
  if [[ -f $dest ]] && [[ "$(cat "$dest")" == "$content" ]]; then
    if ((DRY_RUN)); then
      printf '[dry-run] unchanged %s (mode %s, owner %s):\n' "$dest" "$mode" "$owner"
      show_content "$content" "$summary"
    else
      note "unchanged: $dest"
    fi
    run chmod "$mode" "$dest"
    run chown "$owner" "$dest"
    return 0
  fi
  FILE_CHANGED=1
  if ((DRY_RUN)); then
    printf '[dry-run] would write %s (mode %s, owner %s):\n' "$dest" "$mode" "$owner"
    show_content "$content" "$summary"
    return 0
  fi
  mkdir -p "$(dirname "$dest")"
  tmp=$(mktemp "$dest.XXXXXX")
  printf '%s\n' "$content" >"$tmp"
  chmod "$mode" "$tmp"
  chown "$owner" "$tmp"
  mv -f "$tmp" "$dest"
  note "wrote $dest"
}

show_content() {
  if [[ -n $2 ]]; then
    printf '    | (%s)\n' "$2"
  else
    printf '%s\n' "$1" | sed 's/^/    | /'
  fi
}

# Reads a key given inline or as a file; prints it (first non-comment line of a file).
read_key() {
  local value=$1
  if [[ -f $value ]]; then
    grep -v '^[[:space:]]*\(#\|$\)' "$value" | head -n 1
  else
    printf '%s\n' "$value"
  fi
}

valid_public_key() {
  local key=$1
  [[ $key =~ ^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com)\ [A-Za-z0-9+/]+=*(\ .*)?$ ]] || return 1
  if command -v ssh-keygen >/dev/null 2>&1; then
    ssh-keygen -l -f <(printf '%s\n' "$key") >/dev/null 2>&1 || return 1
  fi
}

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

apt_update() {
  if ((APT_UPDATED == 0)); then
    run apt-get update -qq
    APT_UPDATED=1
  fi
}

apt_install() {
  local missing=() package
  for package in "$@"; do
    installed "$package" || missing+=("$package")
  done
  if ((${#missing[@]} == 0)); then
    note "installed already: $*"
    return 0
  fi
  apt_update
  run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
}

# Fetches an apt signing key (ASCII-armoured; apt reads .asc keyrings directly) unless present.
apt_key() {
  local url=$1 dest=$2
  if [[ -s $dest ]]; then
    note "key present: $dest"
    return 0
  fi
  run install -d -m 755 /etc/apt/keyrings
  run curl -fsSL --retry 3 -o "$dest" "$url"
  run chmod 644 "$dest"
}

apt_source() {
  put_file 644 root:root "$1" "$2"
  ((FILE_CHANGED)) && APT_UPDATED=0
  return 0
}

# ---------------------------------------------------------------------------------------------

preflight() {
  local id="" version=""
  if [[ -r /etc/os-release ]]; then
    # shellcheck disable=SC1091
    id=$(. /etc/os-release && printf '%s' "$ID")
    # shellcheck disable=SC1091
    version=$(. /etc/os-release && printf '%s' "${VERSION_ID:-}")
  fi
  if ((DRY_RUN)); then
    [[ $id == ubuntu && $version == 24.04 ]] || say "note: this is ${id:-unknown} ${version}, not Ubuntu 24.04 (dry run continues)"
  else
    [[ $EUID -eq 0 ]] || die "run as root (sudo)"
    [[ $id == ubuntu && $version == 24.04 ]] || die "this script targets Ubuntu 24.04; found ${id:-unknown} ${version}"
  fi
  [[ -n $DEPLOY_KEY ]] || die "--deploy-key (or DEPLOY_PUBLIC_KEY) is required: the deploy user logs in with it"
  valid_public_key "$DEPLOY_KEY" || die "the deploy key is not an OpenSSH public key: ${DEPLOY_KEY:0:40}"
  if [[ -n $ADMIN_KEY ]]; then
    valid_public_key "$ADMIN_KEY" || die "the admin key is not an OpenSSH public key: ${ADMIN_KEY:0:40}"
  fi
  [[ $ADMIN_USER =~ ^[a-z_][a-z0-9_-]{0,31}$ && $ADMIN_USER != "$DEPLOY_USER" && $ADMIN_USER != root ]] ||
    die "--admin-user must be a plain user name other than root and $DEPLOY_USER"
  if [[ -n $DOMAIN ]]; then
    [[ $DOMAIN =~ ^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$ ]] || die "--domain is not a host name: $DOMAIN"
    [[ -n $CERT_EMAIL ]] || die "--email is required with --domain (Let's Encrypt expiry notices)"
  fi
  [[ -z $NGINX_SITE || -f $NGINX_SITE ]] || die "--nginx-site $NGINX_SITE does not exist"
  [[ -z $NGINX_SITE || -n $DOMAIN ]] || die "--nginx-site needs --domain: the site's placeholder host name is replaced by it"
  [[ -z $TEMPORAL_COMPOSE || -f $TEMPORAL_COMPOSE ]] || die "--temporal-compose $TEMPORAL_COMPOSE does not exist"
  [[ $SWAP_SIZE =~ ^(0|[1-9][0-9]*[MG])$ ]] || die "--swap takes a size like 2G or 512M, or 0"
  [[ $PG_CLIENT =~ ^1[3-9]$ ]] || die "--pg-client takes a PostgreSQL major version such as 17 or 18"
  [[ -z $HEARTBEAT_URL || $HEARTBEAT_URL =~ ^https://[^[:space:]\'\"]+$ ]] || die "--heartbeat-url must be an https:// URL"
}

base_packages() {
  say "base packages"
  apt_install ca-certificates curl git ufw unattended-upgrades logrotate
}

unattended_upgrades() {
  say "unattended upgrades (Ubuntu security updates; reboots at 04:30 UTC when a kernel needs it)"
  put_file 644 root:root /etc/apt/apt.conf.d/20auto-upgrades 'APT::Periodic::Update-Package-Lists "1";
APT::Periodic::Unattended-Upgrade "1";
APT::Periodic::AutocleanInterval "7";'
  put_file 644 root:root /etc/apt/apt.conf.d/52akount-unattended-upgrades '// Akount: written by infra/scripts/setup-server.sh. PM2 (systemd) and Docker bring the
// stack back after a reboot; the uptime check reports the minute it is away.
Unattended-Upgrade::Automatic-Reboot "true";
Unattended-Upgrade::Automatic-Reboot-Time "04:30";
Unattended-Upgrade::Remove-Unused-Kernel-Packages "true";
Unattended-Upgrade::Remove-Unused-Dependencies "true";'
  run systemctl enable --now unattended-upgrades.service
}

swap_file() {
  if [[ $SWAP_SIZE == 0 ]]; then
    note "swap: skipped (--swap 0)"
    return 0
  fi
  say "swap (${SWAP_SIZE}): headroom for clamd's signature reloads and next build"
  if [[ -f /swapfile ]]; then
    note "swap file present: /swapfile"
  else
    run fallocate -l "$SWAP_SIZE" /swapfile
    run chmod 600 /swapfile
    run mkswap /swapfile
  fi
  if swapon --show=NAME --noheadings 2>/dev/null | grep -qx /swapfile; then
    note "swap active"
  else
    run swapon /swapfile
  fi
  if grep -q '^/swapfile ' /etc/fstab 2>/dev/null; then
    note "swap in /etc/fstab"
  elif ((DRY_RUN)); then
    printf '[dry-run] would append to /etc/fstab: /swapfile none swap sw 0 0\n'
  else
    printf '/swapfile none swap sw 0 0\n' >>/etc/fstab
  fi
  put_file 644 root:root /etc/sysctl.d/60-akount.conf '# Akount: prefer RAM; swap only absorbs peaks.
vm.swappiness = 10'
  if ((FILE_CHANGED)); then run sysctl --system --quiet; fi
}

# ---------------------------------------------------------------------------------------------

users() {
  say "users: $DEPLOY_USER (deploys, no password) and $ADMIN_USER (administration)"
  local user
  for user in "$DEPLOY_USER" "$ADMIN_USER"; do
    if id "$user" >/dev/null 2>&1; then
      note "user exists: $user"
    else
      run useradd --create-home --shell /bin/bash "$user"
    fi
    # Key-only: a locked password cannot be used, by SSH or by sudo.
    run passwd --lock "$user"
  done
  authorize_key "$DEPLOY_USER" "$DEPLOY_HOME" "$DEPLOY_KEY"
  local admin_home="/home/$ADMIN_USER"
  if [[ -n $ADMIN_KEY ]]; then
    authorize_key "$ADMIN_USER" "$admin_home" "$ADMIN_KEY"
  elif [[ -s $admin_home/.ssh/authorized_keys ]]; then
    note "$ADMIN_USER keeps its authorized_keys"
  elif [[ -s /root/.ssh/authorized_keys ]]; then
    note "$ADMIN_USER gets root's authorized keys (the droplet's SSH keys), since root logins end"
    run install -d -m 700 -o "$ADMIN_USER" -g "$ADMIN_USER" "$admin_home/.ssh"
    run install -m 600 -o "$ADMIN_USER" -g "$ADMIN_USER" /root/.ssh/authorized_keys "$admin_home/.ssh/authorized_keys"
  elif ((DRY_RUN)); then
    say "note: $ADMIN_USER has no key yet; a real run stops here rather than lock everyone out"
  else
    die "$ADMIN_USER has no SSH key: pass --admin-key, or root's authorized_keys must exist (root login is about to end)"
  fi
}

# Adds KEY to USER's authorized_keys unless it is there; never removes other keys.
authorize_key() {
  local user=$1 home=$2 key=$3 file="$2/.ssh/authorized_keys"
  run install -d -m 700 -o "$user" -g "$user" "$home/.ssh"
  if [[ -f $file ]] && grep -qxF "$key" "$file"; then
    note "key present for $user"
  elif ((DRY_RUN)); then
    printf '[dry-run] would add to %s: %s\n' "$file" "${key:0:60}..."
  else
    printf '%s\n' "$key" >>"$file"
    note "key added for $user"
  fi
  run chown "$user:$user" "$file"
  run chmod 600 "$file"
}

# What deploy may run as root. The deploy scripts need no root: PM2 runs as deploy, the apps
# listen on loopback ports above 1024, certbot renews from its own timer, clamd and Docker
# restart themselves. What is left is checking and reloading the Nginx site this script
# installs (as root, so deploy cannot change it). No Docker: the docker group equals root.
deploy_sudoers() {
  cat <<EOF
# Akount: commands the $DEPLOY_USER user may run as root (infra/scripts/setup-server.sh).
# Exact arguments: sudo refuses any other form of these commands.
Cmnd_Alias AKOUNT_NGINX = /usr/sbin/nginx -t, /usr/bin/systemctl reload nginx
Defaults:$DEPLOY_USER !lecture
$DEPLOY_USER ALL=(root) NOPASSWD: AKOUNT_NGINX
EOF
}

admin_sudoers() {
  cat <<EOF
# Akount: the administrator (SSH key only, locked password) may run anything.
$ADMIN_USER ALL=(ALL:ALL) NOPASSWD: ALL
EOF
}

sudoers() {
  say "sudoers: $DEPLOY_USER may run only: nginx -t, systemctl reload nginx; $ADMIN_USER anything"
  install_sudoers "$SUDOERS_DROP_IN" "$(deploy_sudoers)"
  install_sudoers /etc/sudoers.d/akount-admin "$(admin_sudoers)"
}

# A sudoers drop-in goes live only after `visudo -cf` parsed it: a broken one disables sudo.
install_sudoers() {
  local dest=$1 content=$2 tmp
  tmp=$(mktemp)
  printf '%s\n' "$content" >"$tmp"
  if command -v visudo >/dev/null 2>&1; then
    if ! visudo -cqf "$tmp"; then
      rm -f "$tmp"
      die "$dest would not parse (visudo -cf); nothing was installed"
    fi
    note "visudo -cf: $dest parses"
  elif ((DRY_RUN == 0)); then
    rm -f "$tmp"
    die "visudo is missing; install the sudo package first"
  else
    note "visudo is not installed here; a real run checks $dest with visudo -cf"
  fi
  rm -f "$tmp"
  put_file 440 root:root "$dest" "$content"
}

sshd_content() {
  cat <<EOF
# Akount: SSH hardening (infra/scripts/setup-server.sh). Named 00- so it is read before
# 50-cloud-init.conf: sshd keeps the first value it sees for each setting.
PermitRootLogin no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitEmptyPasswords no
PubkeyAuthentication yes
AuthenticationMethods publickey
# Key logins of users with a locked password pass through PAM's account check.
UsePAM yes
AllowUsers $DEPLOY_USER $ADMIN_USER
X11Forwarding no
MaxAuthTries 3
LoginGraceTime 30
ClientAliveInterval 300
ClientAliveCountMax 2
EOF
}

sshd_hardening() {
  say "sshd: keys only, no root login, only $DEPLOY_USER and $ADMIN_USER"
  local previous=""
  [[ -f $SSHD_DROP_IN ]] && previous=$(cat "$SSHD_DROP_IN")
  put_file 644 root:root "$SSHD_DROP_IN" "$(sshd_content)"
  ((FILE_CHANGED)) || return 0
  if ((DRY_RUN)); then
    printf '[dry-run] would run: sshd -t, then systemctl try-reload-or-restart ssh\n'
    return 0
  fi
  # Socket-activated sshd may not have made its privilege separation folder yet; -t needs it.
  install -d -m 755 /run/sshd
  if ! /usr/sbin/sshd -t; then
    # Put the previous state back before anything reloads: a broken config must not stay.
    if [[ -n $previous ]]; then printf '%s\n' "$previous" >"$SSHD_DROP_IN"; else rm -f "$SSHD_DROP_IN"; fi
    die "sshd -t rejected the configuration; $SSHD_DROP_IN was restored"
  fi
  # Ubuntu 24.04 starts sshd through ssh.socket: reload it if it runs, else it reads this on start.
  systemctl try-reload-or-restart ssh.service
}

firewall() {
  say "ufw: deny incoming except 22 (rate-limited), 80, 443, 8443 (Temporal UI, basic auth)"
  run ufw default deny incoming
  run ufw default allow outgoing
  # 22 first, so enabling the firewall can never cut the session running this script.
  run ufw limit 22/tcp comment 'ssh'
  run ufw allow 80/tcp comment 'http (certbot, redirect)'
  run ufw allow 443/tcp comment 'https'
  run ufw allow 8443/tcp comment 'temporal ui (nginx basic auth)'
  run ufw --force enable
}

# ---------------------------------------------------------------------------------------------

# Node 22 from NodeSource's apt repository: Ubuntu 24.04's own nodejs is 18, below the
# repo's engines (>=20.19). Pinned so that Ubuntu's package can never replace it.
node_runtime() {
  say "Node.js $NODE_MAJOR (NodeSource apt repository)"
  if command -v node >/dev/null 2>&1 && [[ $(node --version) == v$NODE_MAJOR.* ]]; then
    note "node $(node --version) installed"
  else
    apt_key https://deb.nodesource.com/gpgkey/nodesource-repo.gpg.key /etc/apt/keyrings/nodesource.asc
    apt_source /etc/apt/sources.list.d/nodesource.sources "Types: deb
URIs: https://deb.nodesource.com/node_$NODE_MAJOR.x
Suites: nodistro
Components: main
Signed-By: /etc/apt/keyrings/nodesource.asc"
    put_file 644 root:root /etc/apt/preferences.d/nodesource 'Package: nodejs
Pin: origin deb.nodesource.com
Pin-Priority: 600'
    apt_update
    run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs
  fi
}

# pg_dump for the backup deploy.sh takes before migrations. pg_dump refuses servers newer than
# itself, and Ubuntu's own client is 16, so it comes from PostgreSQL's apt repository (PGDG).
postgres_client() {
  say "PostgreSQL client $PG_CLIENT (PGDG apt repository): pg_dump for pre-migration backups"
  apt_key https://www.postgresql.org/media/keys/ACCC4CF8.asc /etc/apt/keyrings/postgresql.asc
  apt_source /etc/apt/sources.list.d/pgdg.sources "Types: deb
URIs: https://apt.postgresql.org/pub/repos/apt
Suites: $UBUNTU_CODENAME-pgdg
Components: main
Signed-By: /etc/apt/keyrings/postgresql.asc"
  apt_install "postgresql-client-$PG_CLIENT"
}

pm2_service() {
  say "PM2 $PM2_VERSION (global), started at boot as $DEPLOY_USER by pm2-$DEPLOY_USER.service"
  if command -v pm2 >/dev/null 2>&1 && [[ $(pm2 --version 2>/dev/null | tail -n 1) == "$PM2_VERSION" ]]; then
    note "pm2 $PM2_VERSION installed"
  else
    run npm install --global --no-fund --no-audit "pm2@$PM2_VERSION"
  fi
  if [[ -f /etc/systemd/system/pm2-$DEPLOY_USER.service ]]; then
    note "pm2-$DEPLOY_USER.service exists"
  else
    run pm2 startup systemd -u "$DEPLOY_USER" --hp "$DEPLOY_HOME"
  fi
  run systemctl enable "pm2-$DEPLOY_USER.service"
  # The rules the deploy suite tests (infra/pm2/logrotate), with this server's user and folders.
  local rules
  rules="$(dirname "${BASH_SOURCE[0]}")/../pm2/logrotate"
  [[ -f $rules ]] || die "missing $rules: run setup-server.sh from a checkout of the repository"
  put_file 644 root:root /etc/logrotate.d/akount-pm2 \
    "$(sed -e "s#/home/deploy/akount#$APP_DIR#g" -e "s#/home/deploy#$DEPLOY_HOME#g" -e "s#su deploy deploy#su $DEPLOY_USER $DEPLOY_USER#" "$rules")" \
    "infra/pm2/logrotate"
}

web_server() {
  say "Nginx and Certbot"
  apt_install nginx certbot python3-certbot-nginx
  run systemctl enable --now nginx
  # A site that names its certificate cannot pass nginx -t before the certificate exists.
  if certificate; then nginx_site; fi
}

# Let's Encrypt over HTTP-01 with the nginx authenticator (it adds the challenge location
# to the running Nginx for the duration and removes it). Renewals run from certbot.timer;
# the deploy hook reloads Nginx so it serves the new certificate.
certificate() {
  if [[ -z $DOMAIN ]]; then
    note "certificate: skipped (no --domain)"
    return 0
  fi
  if [[ -f /etc/letsencrypt/live/$DOMAIN/fullchain.pem ]]; then
    note "certificate present: /etc/letsencrypt/live/$DOMAIN/"
    return 0
  fi
  if ! run certbot certonly --nginx --non-interactive --agree-tos --keep-until-expiring \
    -m "$CERT_EMAIL" -d "$DOMAIN" --deploy-hook 'systemctl reload nginx'; then
    # Usually DNS that does not point here yet, or Cloudflare redirecting HTTP: fix, run again.
    say "warning: no certificate for $DOMAIN yet; see docs/deploy.md (Cloudflare), then run this again"
    return 1
  fi
}

nginx_site() {
  if [[ -z $NGINX_SITE ]]; then
    note "nginx site: skipped (no --nginx-site)"
    return 0
  fi
  local available=/etc/nginx/sites-available/akount.conf previous=""
  [[ -f $available ]] && previous=$(cat "$available")
  # The site names akount.example.com as a placeholder: the domain replaces it (dots escaped for sed).
  put_file 644 root:root "$available" "$(sed "s/akount\.example\.com/$DOMAIN/g" "$NGINX_SITE")" "copy of $NGINX_SITE for $DOMAIN"
  # Certbot's renewals answer from this webroot once the site is in place (port 80 serves it).
  run install -d -m 755 /var/www/letsencrypt
  if [[ -L /etc/nginx/sites-enabled/akount.conf ]]; then
    note "site enabled"
  else
    run ln -sfn "$available" /etc/nginx/sites-enabled/akount.conf
  fi
  if [[ -e /etc/nginx/sites-enabled/default ]]; then run rm -f /etc/nginx/sites-enabled/default; fi
  if ((DRY_RUN)); then
    printf '[dry-run] would run: nginx -t, then systemctl reload nginx\n'
    return 0
  fi
  if ! nginx -t; then
    if [[ -n $previous ]]; then printf '%s\n' "$previous" >"$available"; else rm -f "$available" /etc/nginx/sites-enabled/akount.conf; fi
    die "nginx -t rejected $NGINX_SITE; the previous site was put back"
  fi
  systemctl reload nginx
}

# clamd with Ubuntu's defaults (unix socket $CLAMD_SOCKET) and freshclam keeping the
# signatures current. clamd cannot start before freshclam's first download, so it waits.
clamav() {
  say "ClamAV: clamav-daemon on $CLAMD_SOCKET, clamav-freshclam updating signatures"
  apt_install clamav-daemon clamav-freshclam
  local changed=0
  # One copy of the signatures in memory during reloads (about 1 GB less at the peak).
  # Debian keeps hand edits of clamd.conf; if a reconfigure undoes it, a re-run restores it.
  if set_clamd_option ConcurrentDatabaseReload no; then changed=1; fi
  put_file 644 root:root /etc/systemd/system/clamav-daemon.service.d/akount.conf '# Akount: uploads wait for clamd, so bring it back if it dies.
[Service]
Restart=on-failure
RestartSec=10s'
  if ((FILE_CHANGED)); then
    run systemctl daemon-reload
    changed=1
  fi
  run systemctl enable --now clamav-freshclam.service
  if ((DRY_RUN)); then
    printf '[dry-run] would wait for /var/lib/clamav/daily.{cvd,cld}, then start clamav-daemon and wait for %s\n' "$CLAMD_SOCKET"
    return 0
  fi
  wait_for "ClamAV signatures (freshclam's first download)" 900 signatures_present
  systemctl enable clamav-daemon.service
  if ((changed)) || ! systemctl is-active --quiet clamav-daemon.service; then systemctl restart clamav-daemon.service; fi
  # Loading the signatures takes clamd a minute or two on a small droplet.
  wait_for "clamd socket $CLAMD_SOCKET" 300 test -S "$CLAMD_SOCKET"
}

signatures_present() { compgen -G '/var/lib/clamav/daily.c[vl]d' >/dev/null; }

# Sets KEY VALUE in clamd.conf; succeeds only when that is a change.
set_clamd_option() {
  local key=$1 value=$2 conf=/etc/clamav/clamd.conf
  if [[ -f $conf ]] && grep -qx "$key $value" "$conf"; then
    note "clamd.conf: $key $value"
    return 1
  elif [[ -f $conf ]] && grep -q "^$key " "$conf"; then
    run sed -i "s/^$key .*/$key $value/" "$conf"
  elif ((DRY_RUN)); then
    printf '[dry-run] would set in %s: %s %s\n' "$conf" "$key" "$value"
  else
    printf '%s %s\n' "$key" "$value" >>"$conf"
  fi
}

wait_for() {
  local what=$1 seconds=$2
  shift 2
  note "waiting up to ${seconds}s for $what"
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    ((SECONDS < deadline)) || die "$what did not appear within ${seconds}s"
    sleep 5
  done
}

# Docker CE and the compose plugin from Docker's repository, for the Temporal compose only.
docker_engine() {
  say "Docker (docker-ce + compose plugin) for Temporal"
  local arch
  arch=$(dpkg --print-architecture 2>/dev/null || echo amd64)
  apt_key https://download.docker.com/linux/ubuntu/gpg /etc/apt/keyrings/docker.asc
  apt_source /etc/apt/sources.list.d/docker.sources "Types: deb
URIs: https://download.docker.com/linux/ubuntu
Suites: $UBUNTU_CODENAME
Components: stable
Architectures: $arch
Signed-By: /etc/apt/keyrings/docker.asc"
  apt_install docker-ce docker-ce-cli containerd.io docker-buildx-plugin docker-compose-plugin
  # Rotated container logs; containers keep running while the engine restarts for upgrades.
  put_file 644 root:root /etc/docker/daemon.json '{
  "log-driver": "local",
  "live-restore": true
}'
  if ((FILE_CHANGED)); then run systemctl restart docker; fi
  run systemctl enable --now docker
}

temporal() {
  if [[ -z $TEMPORAL_COMPOSE ]]; then
    note "temporal: skipped (no --temporal-compose)"
    return 0
  fi
  say "Temporal (docker compose, its own PostgreSQL) from $TEMPORAL_COMPOSE"
  local env_file=$TEMPORAL_DIR/temporal.env
  run install -d -m 700 "$TEMPORAL_DIR"
  # A kept copy: releases come and go, but `down` and upgrades need the file that started it.
  put_file 644 root:root "$TEMPORAL_DIR/docker-compose.temporal.yaml" "$(cat "$TEMPORAL_COMPOSE")" "copy of $TEMPORAL_COMPOSE"
  if [[ -s $env_file ]]; then
    note "password kept: $env_file"
  elif ((DRY_RUN)); then
    printf '[dry-run] would write %s (mode 600): TEMPORAL_DB_PASSWORD=<random>\n' "$env_file"
  else
    (umask 077 && printf 'TEMPORAL_DB_PASSWORD=%s\n' "$(openssl rand -hex 24)" >"$env_file")
  fi
  # Links the UI writes point at Nginx's basic-auth port for it (infra/nginx/akount.conf).
  if [[ -n $DOMAIN ]] && ! grep -q '^TEMPORAL_UI_PUBLIC_URL=' "$env_file" 2>/dev/null; then
    if ((DRY_RUN)); then
      printf '[dry-run] would add to %s: TEMPORAL_UI_PUBLIC_URL=https://%s:8443\n' "$env_file" "$DOMAIN"
    else
      printf 'TEMPORAL_UI_PUBLIC_URL=https://%s:8443\n' "$DOMAIN" >>"$env_file"
    fi
  fi
  run docker compose --env-file "$env_file" -f "$TEMPORAL_DIR/docker-compose.temporal.yaml" up -d --wait --wait-timeout 300
}

# The worker's health endpoint is loopback-only, so an outside uptime check cannot see it:
# a timer pings the uptime service's heartbeat URL while the worker answers, and the
# service alerts when the pings stop. The URL is kept out of the world-readable unit.
worker_heartbeat() {
  if [[ -z $HEARTBEAT_URL ]]; then
    note "worker heartbeat: skipped (no --heartbeat-url)"
    return 0
  fi
  say "worker heartbeat: every minute while http://127.0.0.1:3002/health answers"
  run install -d -m 755 /etc/akount
  put_file 600 root:root /etc/akount/heartbeat.env "HEARTBEAT_URL=$HEARTBEAT_URL" "the heartbeat URL"
  put_file 644 root:root /etc/systemd/system/akount-worker-heartbeat.service "# Akount: tells the uptime service the worker is alive (infra/scripts/setup-server.sh).
[Unit]
Description=Akount worker heartbeat

[Service]
Type=oneshot
User=$DEPLOY_USER
EnvironmentFile=/etc/akount/heartbeat.env
ExecStart=/bin/sh -c 'curl -fsS -m 5 -o /dev/null http://127.0.0.1:3002/health && curl -fsS -m 10 -o /dev/null \"\$HEARTBEAT_URL\"'"
  local unit_changed=$FILE_CHANGED
  put_file 644 root:root /etc/systemd/system/akount-worker-heartbeat.timer "[Unit]
Description=Akount worker heartbeat, every minute

[Timer]
OnBootSec=2min
OnUnitActiveSec=1min

[Install]
WantedBy=timers.target"
  if ((unit_changed || FILE_CHANGED)); then run systemctl daemon-reload; fi
  run systemctl enable --now akount-worker-heartbeat.timer
}

app_layout() {
  say "app folders: $APP_DIR/{releases,shared,backups}"
  local dir
  for dir in "$APP_DIR" "$APP_DIR/releases" "$APP_DIR/shared" "$APP_DIR/shared/bin" "$APP_DIR/shared/logs" "$APP_DIR/backups"; do
    if [[ -d $dir ]]; then
      note "exists: $dir"
    else
      run install -d -m 750 -o "$DEPLOY_USER" -g "$DEPLOY_USER" "$dir"
    fi
  done
  local env_file=$APP_DIR/shared/.env
  if [[ -f $env_file ]]; then
    note "kept: $env_file (never overwritten)"
  else
    put_file 600 "$DEPLOY_USER:$DEPLOY_USER" "$env_file" "$(env_placeholder)"
  fi
  run chmod 600 "$env_file"
}

# The production variables (names from .env.example) with what this host decides filled in.
env_placeholder() {
  local origin=""
  [[ -n $DOMAIN ]] && origin="https://$DOMAIN"
  cat <<EOF
# Akount production environment: fill in every empty value (docs/deploy.md, .env.example).
# The api and worker refuse to boot with NODE_ENV=production until the required ones are set.
NODE_ENV=production
LOG_LEVEL=info
DATABASE_URL=
# docs/connection-budget.md: 2 API instances and the worker at 5 each, room for a reload.
DATABASE_POOL_SIZE=5
# deploy.sh's pg_dump before migrations: a role with BYPASSRLS (the app role cannot read past RLS).
DEPLOY_BACKUP_DATABASE_URL=
CLERK_SECRET_KEY=
CLERK_PUBLISHABLE_KEY=
CLERK_JWT_KEY=
CLERK_ISSUER=
CLERK_AUTHORIZED_PARTIES=$origin
CLERK_WEBHOOK_SECRET=
API_HOST=127.0.0.1
API_PORT=3001
API_TRUST_PROXY=loopback
STORAGE_DRIVER=s3
SPACES_ENDPOINT=
SPACES_REGION=
SPACES_BUCKET=
SPACES_KEY=
SPACES_SECRET=
DOCUMENT_ENGINE=auto
MISTRAL_API_KEY=
TEMPORAL_ADDRESS=127.0.0.1:7233
TEMPORAL_NAMESPACE=default
TEMPORAL_TASK_QUEUE=document-scan
CLAMAV_SOCKET=$CLAMD_SOCKET
SENTRY_DSN=
SENTRY_ENVIRONMENT=production
LOGTAIL_SOURCE_TOKEN=
WEB_PORT=3000
CORS_ORIGINS=$origin
API_INTERNAL_URL=http://127.0.0.1:3001
NEXT_PUBLIC_API_URL=$origin
NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=
NEXT_PUBLIC_SENTRY_DSN=
NEXT_PUBLIC_STORAGE_URL=
EOF
}

parse_args() {
  while (($# > 0)); do
    case $1 in
      --deploy-key) DEPLOY_KEY=${2:?--deploy-key needs a key or a file} && shift ;;
      --admin-user) ADMIN_USER=${2:?--admin-user needs a value} && shift ;;
      --admin-key) ADMIN_KEY=${2:?--admin-key needs a key or a file} && shift ;;
      --domain) DOMAIN=${2:?--domain needs a value} && shift ;;
      --email) CERT_EMAIL=${2:?--email needs a value} && shift ;;
      --nginx-site) NGINX_SITE=${2:?--nginx-site needs a file} && shift ;;
      --temporal-compose) TEMPORAL_COMPOSE=${2:?--temporal-compose needs a file} && shift ;;
      --swap) SWAP_SIZE=${2:?--swap needs a size} && shift ;;
      --pg-client) PG_CLIENT=${2:?--pg-client needs a major version} && shift ;;
      --heartbeat-url) HEARTBEAT_URL=${2:?--heartbeat-url needs a URL} && shift ;;
      --dry-run) DRY_RUN=1 ;;
      --print-sudoers)
        deploy_sudoers
        admin_sudoers
        exit 0
        ;;
      -h | --help)
        usage
        exit 0
        ;;
      *)
        usage >&2
        exit 2
        ;;
    esac
    shift
  done
  [[ -z $DEPLOY_KEY ]] || DEPLOY_KEY=$(read_key "$DEPLOY_KEY")
  [[ -z $ADMIN_KEY ]] || ADMIN_KEY=$(read_key "$ADMIN_KEY")
}

main() {
  parse_args "$@"
  preflight
  ((DRY_RUN)) && say "dry run: nothing on this host will change"
  base_packages
  unattended_upgrades
  swap_file
  users
  sudoers
  sshd_hardening
  firewall
  node_runtime
  pm2_service
  postgres_client
  clamav
  docker_engine
  app_layout
  worker_heartbeat
  temporal
  web_server
  if ((DRY_RUN)); then say "dry run done: nothing was changed"; else say "done"; fi
}

main "$@"
