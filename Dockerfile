# The hub as an image: the Spring Boot jar built by `./mvnw -B package -DskipTests`, on a Java 21 JRE.
# compose.yaml builds it for its hub instances; docs/operations.md says what each instance needs.
FROM eclipse-temurin:21-jre

RUN groupadd --system hub && useradd --system --gid hub --home-dir /var/lib/hub hub \
    && mkdir -p /var/lib/hub && chown hub:hub /var/lib/hub
COPY target/reentry-hub-*.jar /opt/hub/reentry-hub.jar

USER hub
WORKDIR /var/lib/hub
# the disclosure journal, the instance name file and, with the embedded defaults, the broker journal
# and the graph: a volume of its own per instance, kept across restarts
ENV HUB_DATA_DIR=/var/lib/hub
VOLUME /var/lib/hub
EXPOSE 8080
# the container's memory limit decides the heap (half of it: the rest is the JVM's own, metaspace,
# code, threads, and the embedded Neo4j's page cache when NEO4J_URI is unset); compose.yaml gives each
# instance 1 GiB, the size the benchmarks measure it at (docs/operations.md, "Memory")
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-jar", "/opt/hub/reentry-hub.jar"]
