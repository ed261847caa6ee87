# The hub as an image: the Spring Boot jar built by `./mvnw -B package -DskipTests`, on a Java 25 JRE,
# extracted and started with an AOT cache (JEP 483/515) made by a training run while the image is built.
# (The hub runs on Java 21 too, without the AOT cache: there -XX:ArchiveClassesAtExit for the training run
# and -XX:SharedArchiveFile to start make a CDS archive, which saved less here, 2026-11-27.)
# compose.yaml builds it for its hub instances; docs/operations.md says what each instance needs.
FROM eclipse-temurin:25-jre AS extracted
COPY target/reentry-hub-*.jar /build/reentry-hub.jar
# the layout Spring Boot recommends for CDS: the application's jar beside lib/ with its dependencies, no nested jars
RUN java -Djarmode=tools -jar /build/reentry-hub.jar extract --destination /build/app

FROM eclipse-temurin:25-jre

RUN groupadd --system hub && useradd --system --gid hub --home-dir /var/lib/hub hub \
    && mkdir -p /var/lib/hub && chown hub:hub /var/lib/hub
COPY --from=extracted /build/app /opt/hub/app
# The training runs (docs/benchmarks/where-the-time-goes.md, "Start-up on an empty data directory" and
# "The AOT cache of the wrong shape"): deploy/image/train-aot-caches.sh starts a hub on a throw-away data
# directory, stops it once it is ready (hub.exit-when-ready), and the JVM writes the classes it loaded and
# linked, and the methods' profiles, to a cache that every start of the image then maps instead of loading,
# linking and profiling them again: /opt/hub/hub.aot for a hub with its embedded Neo4j, /opt/hub/hub-external.aot
# for a hub on a graph given by NEO4J_URI (trained against a graph in another JVM). deploy/image/start.sh
# picks the one shaped like the start. The caches fit only this JRE and this jar: they are made here, in
# the image, never copied in. Nothing of the runs stays behind.
COPY deploy/image/start.sh deploy/image/train-aot-caches.sh /opt/hub/
RUN bash /opt/hub/train-aot-caches.sh && rm /opt/hub/train-aot-caches.sh

USER hub
WORKDIR /var/lib/hub
# the disclosure journal, the instance name file and, with the embedded defaults, the broker journal
# and the graph: a volume of its own per instance, kept across restarts
ENV HUB_DATA_DIR=/var/lib/hub
VOLUME /var/lib/hub
EXPOSE 8080
# start.sh runs java with these options and the training runs' cache of its shape.
# The container's memory limit decides the heap (half of it: the rest is the JVM's own, metaspace,
# code, threads, and the embedded Neo4j's page cache when NEO4J_URI is unset); compose.yaml gives each
# instance 1 GiB, the size the benchmarks measure it at (docs/operations.md, "Memory").
# -XX:+UseSerialGC: what the JVM itself picks in a container of less than 2 GB, said aloud so that the
# benchmarks run the same; on a 512 MB heap and 2 cores it took a third less CPU per read than G1 (and a
# lower p99: docs/benchmarks/where-the-time-goes.md, "The garbage collector"). A larger instance with a
# larger heap may prefer G1: drop the option.
# -XX:AOTCache: the training run's cache (a JVM that cannot use it starts without it, slower)
# The options are written in start.sh and train-aot-caches.sh alike (ComposeTopologyTests).
ENTRYPOINT ["/opt/hub/start.sh"]
