#!/usr/bin/env bash
# Builds the reference services and the harness, then runs the harness's commands (all four by default) one after
# the other; each writes load/target/results/<command>.md. See RELIABILITY.md, "Load, soak and faults".
#   bash load/run.sh                      # throughput, soak, faults-store, faults-keys
#   bash load/run.sh soak -Dload.seconds=120
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "wrk is missing: install the Debian package wrk (apt-get install wrk) as root" >&2
    exit 1
  fi
  apt-get update -qq && apt-get install -y -qq wrk
fi
./mvnw -B -q -DskipTests package -pl examples/spring-service,examples/servlet-service,load -am
commands=()
options=()
for argument in "$@"; do
  case "$argument" in
    -D*) options+=("$argument") ;;
    *) commands+=("$argument") ;;
  esac
done
[ ${#commands[@]} -gt 0 ] || commands=(throughput soak faults-store faults-keys)
for command in "${commands[@]}"; do
  java "${options[@]}" -jar load/target/load.jar "$command"
done
