#!/usr/bin/env bash
# A private PostgreSQL for `rekap ui` (Prefect's server) in one folder, listening on 127.0.0.1 only,
# with a database `prefect`. Installs Debian's `postgresql` package when its binaries are missing
# (root only), then hands over to rekap/localpg.py (standard library only: no venv needed).
#
#   tools/postgres-local.sh start [DIR] [--port 5433]   # init on first use, start, print the URL
#   tools/postgres-local.sh url|status|stop [DIR]
#
# DIR defaults to /var/lib/rekap/postgres as root (the server then runs as `postgres`, who must be
# able to enter DIR), else .prefect/postgres in the checkout. Then, in the same shell:
#   rekap ui --database-url "$(tools/postgres-local.sh url)"
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
action="${1:-}"
case "$action" in start|stop|status|url) shift ;; *) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;; esac
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then dir="$1"; shift
elif [ "$(id -u)" -eq 0 ]; then dir=/var/lib/rekap/postgres
else dir="$root/.prefect/postgres"; fi

if [ "$action" = start ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "postgres-local: PostgreSQL belum terpasang; sebagai root: apt-get install -y postgresql" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi

python="$root/.venv/bin/python"
[ -x "$python" ] || python=python3
cd "$root"
exec "$python" -m rekap.localpg "$action" "$dir" "$@"
