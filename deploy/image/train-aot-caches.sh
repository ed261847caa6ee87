#!/usr/bin/env bash
# Writes the image's two AOT caches (JEP 483/515), each by a training run that starts a hub on a
# throw-away data directory and stops it once ready (hub.exit-when-ready), with the JVM options start.sh
# uses: $HUB_HOME/hub.aot for a hub with its embedded Neo4j, $HUB_HOME/hub-external.aot for a hub given
# a graph by NEO4J_URI, trained against a graph served from another JVM (a second hub with its embedded
# Neo4j, its Bolt port on the loopback only). A cache fits only the JRE and the jar that made it: run
# where the image is built. Nothing of the runs stays behind.
set -euo pipefail
HUB_HOME=${HUB_HOME:-/opt/hub}
jar="$HUB_HOME/app/reentry-hub.jar"
jvm=(-XX:MaxRAMPercentage=50 -XX:+UseSerialGC)
hub=(-jar "$jar" --server.port=0 --logging.level.root=WARN)
work=$(mktemp -d)
graph=
cleanup() {
    if [ -n "$graph" ]; then kill "$graph" 2>/dev/null || true; wait "$graph" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

cd "$work"
HUB_DATA_DIR="$work/embedded" HUB_EMBEDDED_BOLT_PORT=0 \
    java "${jvm[@]}" -XX:AOTCacheOutput="$HUB_HOME/hub.aot" -Dhub.exit-when-ready=true "${hub[@]}"

port=${HUB_TRAINING_BOLT_PORT:-17687}
HUB_DATA_DIR="$work/graph" HUB_EMBEDDED_BOLT_PORT="$port" java "${jvm[@]}" "${hub[@]}" > "$work/graph.log" 2>&1 &
graph=$!
until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    if ! kill -0 "$graph" 2>/dev/null; then
        cat "$work/graph.log" >&2
        echo "the graph for the training run did not start" >&2
        exit 1
    fi
    sleep 1
done
HUB_DATA_DIR="$work/external" NEO4J_URI="bolt://127.0.0.1:$port" \
    java "${jvm[@]}" -XX:AOTCacheOutput="$HUB_HOME/hub-external.aot" -Dhub.exit-when-ready=true "${hub[@]}"

test -s "$HUB_HOME/hub.aot"
test -s "$HUB_HOME/hub-external.aot"
