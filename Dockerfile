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
# the container's memory limit decides the heap; the embedded Neo4j (when NEO4J_URI is unset) takes
# its page cache outside it
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=60", "-jar", "/opt/hub/reentry-hub.jar"]
