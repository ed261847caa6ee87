# The hub as an image: the Spring Boot jar built by `./mvnw -B package -DskipTests`, on a Java 21 JRE,
# extracted and started with a class-data sharing archive made by a training run while the image is built.
# compose.yaml builds it for its hub instances; docs/operations.md says what each instance needs.
FROM eclipse-temurin:21-jre AS extracted
COPY target/reentry-hub-*.jar /build/reentry-hub.jar
# the layout Spring Boot recommends for CDS: the application's jar beside lib/ with its dependencies, no nested jars
RUN java -Djarmode=tools -jar /build/reentry-hub.jar extract --destination /build/app

FROM eclipse-temurin:21-jre

RUN groupadd --system hub && useradd --system --gid hub --home-dir /var/lib/hub hub \
    && mkdir -p /var/lib/hub && chown hub:hub /var/lib/hub
COPY --from=extracted /build/app /opt/hub/app
# The training run (docs/benchmarks/where-the-time-goes.md, "Start-up on an empty data directory"): a
# hub on a throw-away data directory with the embedded defaults starts, stops once it is ready
# (hub.exit-when-ready) and the JVM writes the classes it loaded and linked to /opt/hub/hub.jsa, which
# every start of the image then maps instead of loading them from the jars again. The archive fits only
# this JRE and this jar: it is made here, in the image, never copied in. Nothing of the run stays behind.
RUN mkdir /tmp/training && cd /tmp/training \
    && HUB_DATA_DIR=/tmp/training HUB_EMBEDDED_BOLT_PORT=0 java -XX:MaxRAMPercentage=50 \
       -XX:ArchiveClassesAtExit=/opt/hub/hub.jsa -Dhub.exit-when-ready=true \
       -jar /opt/hub/app/reentry-hub.jar --server.port=0 --logging.level.root=WARN \
    && cd / && rm -rf /tmp/training && test -s /opt/hub/hub.jsa

USER hub
WORKDIR /var/lib/hub
# the disclosure journal, the instance name file and, with the embedded defaults, the broker journal
# and the graph: a volume of its own per instance, kept across restarts
ENV HUB_DATA_DIR=/var/lib/hub
VOLUME /var/lib/hub
EXPOSE 8080
# the container's memory limit decides the heap (half of it: the rest is the JVM's own, metaspace,
# code, threads, and the embedded Neo4j's page cache when NEO4J_URI is unset); compose.yaml gives each
# instance 1 GiB, the size the benchmarks measure it at (docs/operations.md, "Memory").
# -XX:SharedArchiveFile: the training run's archive (a JVM that cannot map it starts without it, slower)
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-XX:SharedArchiveFile=/opt/hub/hub.jsa", "-jar", "/opt/hub/app/reentry-hub.jar"]
