#!/usr/bin/env bash
# Checks the Docker deployment files without a Docker engine, for CI:
#
#   1. docker-compose.yml validates (Debian's docker-compose 1.29, and `docker compose`
#      v2 too when it is installed);
#   2. the compose model hangs together: health checks behind `service_healthy`, pinned
#      images, existing Dockerfiles and mounted files, ports on 127.0.0.1;
#   3. prometheus.yml and alerts.yml pass `promtool check`, the alert unit tests in
#      alerts.test.yml pass, and every dashboard query parses as PromQL;
#   4. the Grafana dashboard and provisioning files are consistent;
#   5. every metric the dashboard and alerts use is listed in
#      deploy/target/referenced-metrics.txt, and each flashsale_* one is a meter the
#      worker defines.
#
# Run as root on Debian/Ubuntu (it installs docker-compose and python3-yaml with apt when
# missing, and unpacks promtool from Debian's prometheus package into deploy/target/tools
# without installing the server). Prints what it checks; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

out=deploy/target
tools="$out/tools"
mkdir -p "$tools"
started=$SECONDS

step() { printf '\n== %s\n' "$*"; }
die() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }

apt_updated=false
apt_install() {
    command -v apt-get > /dev/null || die "apt-get not found; install by hand: $*"
    [[ $(id -u) == 0 ]] || die "not root; install by hand: apt-get install $*"
    if [[ $apt_updated == false ]]; then
        apt-get update -qq
        apt_updated=true
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" > /dev/null
}

step "tools"
if ! command -v docker-compose > /dev/null; then
    echo "installing docker-compose (Debian package)"
    apt_install docker-compose
fi
echo "docker-compose: $(docker-compose version --short 2>/dev/null || docker-compose version | head -1)"

# The checker needs PyYAML; Debian's python3-yaml serves /usr/bin/python3.
python=python3
if ! python3 -c 'import yaml' 2> /dev/null; then
    if ! /usr/bin/python3 -c 'import yaml' 2> /dev/null; then
        echo "installing python3-yaml (Debian package)"
        apt_install python3 python3-yaml
    fi
    python=/usr/bin/python3
fi
echo "python: $($python --version) with PyYAML $($python -c 'import yaml; print(yaml.__version__)')"

# promtool: from PATH, else unpacked once from the Debian package (no server is installed).
if command -v promtool > /dev/null; then
    promtool=$(command -v promtool)
else
    promtool="$tools/usr/bin/promtool"
    if [[ ! -x $promtool ]]; then
        echo "unpacking promtool from Debian's prometheus package into $tools"
        command -v apt-get > /dev/null || die "apt-get not found; put promtool on the PATH"
        if [[ $apt_updated == false && $(id -u) == 0 ]]; then
            apt-get update -qq
            apt_updated=true
        fi
        rm -f "$tools"/prometheus_*.deb
        (cd "$tools" && apt-get download prometheus > /dev/null 2>&1) || die "apt-get download prometheus failed"
        dpkg-deb --fsys-tarfile "$tools"/prometheus_*.deb | tar -x -C "$tools" ./usr/bin/promtool
        rm -f "$tools"/prometheus_*.deb
    fi
fi
echo "promtool: $("$promtool" --version 2>&1 | head -1)"

step "docker-compose.yml validates"
compose_config="$out/compose-config.yml"
docker-compose -f docker-compose.yml --profile sale config > "$compose_config"
echo "ok    docker-compose $(docker-compose version --short 2>/dev/null) config (all services, profile sale included)"
# Every value FLASHSALE_STRATEGY may take must give a valid file as well.
for strategy in optimistic pessimistic distributed combined atomic fenced; do
    FLASHSALE_STRATEGY=$strategy docker-compose -f docker-compose.yml config -q
done
echo "ok    with FLASHSALE_STRATEGY set to each strategy"
if docker compose version > /dev/null 2>&1; then
    docker compose -f docker-compose.yml --profile sale config -q
    echo "ok    docker compose $(docker compose version --short) config"
else
    echo "skip  docker compose v2 is not installed"
fi

step "files (compose model, Grafana, alerts, metric names)"
"$python" deploy/check-files.py --compose-config "$compose_config" --out "$out"

step "promtool"
"$promtool" check config deploy/prometheus/prometheus.yml
"$promtool" check rules deploy/prometheus/alerts.yml
"$promtool" test rules deploy/prometheus/alerts.test.yml
echo "dashboard queries:"
"$promtool" check rules "$out/dashboard-queries.rules.yml"

printf '\nAll deployment checks passed in %ss. Referenced metrics: %s\n' "$((SECONDS - started))" \
    "$out/referenced-metrics.txt"
