#!/usr/bin/env bash
# Container health probe: GET a path of the worker's own HTTP server and succeed on 200.
#
#   http-probe /health/ready
#
# Uses bash's /dev/tcp, so the image needs neither curl nor wget. The port is the worker's
# FLASHSALE_HTTP_PORT (8080 by default).
set -euo pipefail

path="${1:-/health/ready}"
port="${FLASHSALE_HTTP_PORT:-8080}"

exec 3<>"/dev/tcp/127.0.0.1/${port}"
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$path" >&3
read -r -t 5 _protocol status _rest <&3
[[ "$status" == "200" ]]
