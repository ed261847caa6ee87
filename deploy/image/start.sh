#!/bin/sh
# The image's entry point: the extracted jar with the AOT cache of the training run shaped like this start
# (train-aot-caches.sh): with NEO4J_URI the hub works on a graph elsewhere and maps the cache trained
# that way, which holds none of the embedded Neo4j's classes; without it, the cache of a hub with its
# embedded Neo4j. A JVM starting from a cache loads every class its training run loaded, so the wrong
# one costs about 150 MB resident (docs/benchmarks/where-the-time-goes.md). Arguments go to the hub.
set -e
HUB_HOME=${HUB_HOME:-/opt/hub}
if [ -n "${NEO4J_URI:-}" ]; then
    cache="$HUB_HOME/hub-external.aot"
else
    cache="$HUB_HOME/hub.aot"
fi
# -XX:MaxRAMPercentage=50 -XX:+UseSerialGC: the heap and collector measured (docs/operations.md, "Memory"),
# the same in both training runs
exec java -XX:MaxRAMPercentage=50 -XX:+UseSerialGC "-XX:AOTCache=$cache" -jar "$HUB_HOME/app/reentry-hub.jar" "$@"
