package kz.reentry.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

/**
 * compose.yaml and the Keycloak realm are documentation of the production topology (docs/operations.md)
 * that must stay valid: they parse, every hub service sets what the hub needs in that topology under
 * names the hub really reads, and the realm gives each demo party the claims the embedded issuer gives it.
 */
class ComposeTopologyTests {

    private static final Path COMPOSE = Path.of("compose.yaml");
    private static final Path REALM = Path.of("deploy/keycloak/reentry-realm.json");
    private static final Path MAIN_RESOURCES = Path.of("src/main/resources");
    private static final String REALM_IMPORT_DIRECTORY = "/opt/keycloak/data/import/";
    /** ${NAME} or ${NAME:default}: a variable the hub's configuration reads. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    /** A variable the hub's code reads: @Value("${HUB_INSTANCE_ID:}"), @ConditionalOnUnset("NEO4J_URI"), getenv("..."). */
    private static final Pattern NAME_IN_CODE = Pattern.compile(
            "(?:\\$\\{|ConditionalOnUnset\\(\"|getenv\\(\"|getProperty\\(\")([A-Z][A-Z0-9_]*)[\":}]");

    private static Map<String, Object> services;
    private static Map<String, Object> realm;
    private static Map<String, Object> application;

    @BeforeAll
    static void parse() throws IOException {
        services = map(new Yaml().<Map<String, Object>>load(Files.readString(COMPOSE)).get("services"));
        realm = JsonMapper.builder().build().readValue(REALM.toFile(), Map.class);
        application = map(new Yaml().loadAll(Files.readString(MAIN_RESOURCES.resolve("application.yaml"))).iterator().next());
    }

    @Test
    @DisplayName("every hub instance of compose.yaml reaches the Neo4j cluster by routing, the broker service, the realm's issuer, in the production profile, under a name and a data directory of its own")
    void hubInstancesAreWiredToTheTopology() {
        var hubs = hubServices();
        assertThat(hubs).as("hub services (built from the repository)").hasSizeGreaterThanOrEqualTo(2);
        String neo4jServices = String.join("|", servicesWithImage("neo4j:"));
        String broker = single(servicesWithImage("apache/activemq-artemis:"));
        var keycloak = map(services.get(single(servicesWithImage("quay.io/keycloak/keycloak:"))));
        String issuer = environment(keycloak).get("KC_HOSTNAME") + "/realms/" + realm.get("realm");
        Set<String> instanceIds = new HashSet<>();
        Set<Object> dataVolumes = new HashSet<>();

        hubs.forEach((name, service) -> {
            var env = environment(service);
            assertThat(env.get("NEO4J_URI")).as(name + " NEO4J_URI")
                    .matches("(neo4j|bolt)(\\+s|\\+ssc)?://(" + neo4jServices + ")(:\\d+)?");
            assertThat(env.get("HUB_ARTEMIS_MODE")).as(name + " HUB_ARTEMIS_MODE").isEqualTo("native");
            assertThat(env.get("HUB_ARTEMIS_URL")).as(name + " HUB_ARTEMIS_URL").contains("tcp://" + broker + ":61616");
            assertThat(env.get("HUB_ISSUER_URI")).as(name + " HUB_ISSUER_URI").isEqualTo(issuer);
            assertThat(List.of(env.getOrDefault("SPRING_PROFILES_ACTIVE", "").split(","))).as(name + " profiles")
                    .contains("production");
            assertThat(env.get("HUB_INSTANCE_ID")).as(name + " HUB_INSTANCE_ID").isNotBlank();
            assertThat(instanceIds.add(env.get("HUB_INSTANCE_ID"))).as(name + " HUB_INSTANCE_ID is its own").isTrue();
            String dataDir = env.get("HUB_DATA_DIR");
            var volume = list(service.get("volumes")).stream().map(String::valueOf)
                    .filter(v -> v.endsWith(":" + dataDir)).findFirst();
            assertThat(volume).as(name + " keeps HUB_DATA_DIR " + dataDir + " on a volume").isPresent();
            assertThat(dataVolumes.add(volume.get().split(":")[0])).as(name + " has a data volume of its own").isTrue();
        });
        assertThat(MAIN_RESOURCES.resolve("application-production.yaml")).exists();
        assertThat(String.valueOf(keycloak.get("command"))).contains("--import-realm");
        assertThat(list(keycloak.get("volumes"))).map(String::valueOf)
                .anyMatch(v -> v.startsWith("./" + REALM + ":" + REALM_IMPORT_DIRECTORY));
    }

    @Test
    @DisplayName("every variable a hub service of compose.yaml sets is one the hub reads: a placeholder of its configuration, a name in its code, or a property of the hub or of Spring Boot")
    void everyHubVariableIsReadByTheHub() throws IOException {
        Set<String> read = namesTheHubReads();
        hubServices().forEach((name, service) -> assertThat(environment(service).keySet())
                .as(name + ": variables the hub does not read (renamed, or never there)").isSubsetOf(read));
    }

    @Test
    @DisplayName("the realm has a client for each demo client of the embedded issuer, with its secret, the same agency and region claims, and the same roles in the roles claim")
    void realmGivesEachDemoPartyItsClaims() {
        var demoClients = map(at(application, "hub.security.embedded-issuer.clients"));
        Map<String, Map<String, Object>> clients = realmClients();
        String rolesClient = rolesClient();

        demoClients.forEach((clientId, value) -> {
            var demo = map(value);
            var client = clients.get(clientId);
            assertThat(client).as("realm client " + clientId).isNotNull();
            assertThat(client.get("serviceAccountsEnabled")).as(clientId + " client credentials").isEqualTo(true);
            assertThat(client.get("secret")).as(clientId + " secret").isEqualTo(demo.get("secret"));
            assertThat(hardcodedClaim(client, "agency")).as(clientId + " agency").isEqualTo(demo.get("agency"));
            assertThat(hardcodedClaim(client, "region")).as(clientId + " region").isEqualTo(demo.get("region"));
            var serviceAccount = list(realm.get("users")).stream().map(ComposeTopologyTests::map)
                    .filter(u -> clientId.equals(u.get("serviceAccountClientId"))).findFirst();
            assertThat(serviceAccount).as(clientId + " service account").isPresent();
            assertThat(list(map(serviceAccount.get().get("clientRoles")).get(rolesClient))).as(clientId + " roles")
                    .containsExactlyInAnyOrderElementsOf(list(demo.get("roles")));
        });
        Set<Object> defined = new HashSet<>();
        list(map(map(realm.get("roles")).get("client")).get(rolesClient)).forEach(r -> defined.add(map(r).get("name")));
        demoClients.values().forEach(demo -> assertThat(defined).as("client roles of " + rolesClient)
                .containsAll(list(map(demo).get("roles"))));
    }

    @Test
    @DisplayName("the hubs' operator console signs people in at the realm: each hub names the realm's console client and its secret, the client takes each hub's redirection endpoint, puts the login as end_user in the ID and access tokens, and the realm has every demo person with their party's agency, region and roles")
    void consoleSignsInAtTheRealm() {
        var console = realmClients().get("reentry-console");
        assertThat(console).as("realm client reentry-console").isNotNull();
        assertThat(console.get("standardFlowEnabled")).isEqualTo(true);
        assertThat(map(console.get("attributes")).get("pkce.code.challenge.method")).isEqualTo("S256");
        hubServices().forEach((name, service) -> {
            var environment = environment(service);
            assertThat(environment.get("HUB_CONSOLE_CLIENT_ID")).as(name + " console client").isEqualTo("reentry-console");
            assertThat(environment.get("HUB_CONSOLE_CLIENT_SECRET")).as(name + " console secret").isEqualTo(console.get("secret"));
            String hostPort = String.valueOf(list(service.get("ports")).getFirst()).split(":")[0];
            assertThat(list(console.get("redirectUris"))).as(name + " redirection endpoint")
                    .contains("http://localhost:" + hostPort + "/login/oauth2/code/hub-console");
        });
        // the console names the person by the ID token's end_user (hub.console.user-name-attribute), the
        // GraphQL edge by the access token's: the same login in both
        assertThat(mappers(console, "oidc-usermodel-property-mapper")).as("end_user mapper")
                .anyMatch(c -> "end_user".equals(c.get("claim.name")) && "username".equals(c.get("user.attribute"))
                        && "true".equals(c.get("access.token.claim")) && "true".equals(c.get("id_token.claim")));
        var demoClients = map(at(application, "hub.security.embedded-issuer.clients"));
        String rolesClient = rolesClient();
        map(at(application, "hub.security.embedded-issuer.users")).forEach((login, value) -> {
            var party = map(demoClients.get(map(value).get("party")));
            var user = list(realm.get("users")).stream().map(ComposeTopologyTests::map)
                    .filter(u -> login.equals(u.get("username"))).findFirst();
            assertThat(user).as("realm user " + login).isPresent();
            var attributes = map(user.get().get("attributes"));
            assertThat(list(attributes.get("agency"))).as(login + " agency").containsExactly(party.get("agency"));
            assertThat(list(attributes.get("region"))).as(login + " region").containsExactly(party.get("region"));
            assertThat(list(map(user.get().get("clientRoles")).get(rolesClient))).as(login + " roles")
                    .containsExactlyInAnyOrderElementsOf(list(party.get("roles")));
            assertThat(list(user.get().get("credentials"))).as(login + " password")
                    .anyMatch(c -> map(value).get("password").equals(map(c).get("value")));
        });
    }

    @Test
    @DisplayName("every client of the realm puts the hub's roles claim (multivalued) and the audience the hub checks into its access tokens")
    void everyClientNamesTheHubsAudience() {
        String audience = audienceTheHubChecks();
        String rolesClient = rolesClient();
        realmClients().forEach((clientId, client) -> {
            if (clientId.equals(rolesClient)) {
                return;
            }
            assertThat(mappers(client, "oidc-audience-mapper"))
                    .as(clientId + " audience mapper for " + audience)
                    .anyMatch(c -> audience.equals(c.get("included.custom.audience")) && "true".equals(c.get("access.token.claim")));
            assertThat(mappers(client, "oidc-usermodel-client-role-mapper"))
                    .as(clientId + " roles claim")
                    .anyMatch(c -> "roles".equals(c.get("claim.name")) && "true".equals(c.get("multivalued"))
                            && rolesClient.equals(c.get("usermodel.clientRoleMapping.clientId"))
                            && "true".equals(c.get("access.token.claim")));
        });
    }

    @Test
    @DisplayName("every hub instance of compose.yaml has the memory limit its heap is sized by (the image takes half of it), the size and collector the benchmarks run the hub with, and the training runs use them too")
    void hubInstancesHaveTheMeasuredMemoryLimit() throws IOException {
        assertThat(Files.readString(Path.of("deploy/image/start.sh"))).contains("exec java -XX:MaxRAMPercentage=50 -XX:+UseSerialGC ");
        assertThat(Files.readString(Path.of("deploy/image/train-aot-caches.sh"))).contains("jvm=(-XX:MaxRAMPercentage=50 -XX:+UseSerialGC)");
        hubServices().forEach((name, service) -> assertThat(service.get("mem_limit")).as(name).isEqualTo("1g"));
        assertThat(Files.readString(Path.of("src/test/java/kz/reentry/hub/benchmark/Hub.java")))
                .contains("\"-Xmx512m -XX:+UseSerialGC\"");
    }

    @Test
    @DisplayName("the image trains two AOT caches where it is built (a hub with its embedded Neo4j, and one on a graph elsewhere), each run stopping once ready, and the benchmarks train theirs the same two ways")
    void imageTrainsACacheForEachShapeOfStart() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        Matcher extract = Pattern.compile("-Djarmode=tools -jar (\\S+) extract --destination (\\S+)").matcher(dockerfile);
        assertThat(extract.find()).as("the jar extracted").isTrue();
        assertThat(dockerfile).as("the extracted jar where the scripts look for it (HUB_HOME/app)")
                .contains("COPY --from=extracted " + extract.group(2) + " /opt/hub/app");
        int scripts = dockerfile.indexOf("COPY deploy/image/start.sh deploy/image/train-aot-caches.sh /opt/hub/");
        assertThat(scripts).as("the scripts copied after the jar").isGreaterThan(dockerfile.indexOf("COPY --from=extracted"));
        assertThat(dockerfile.indexOf("RUN bash /opt/hub/train-aot-caches.sh")).as("the caches trained where the image is built")
                .isGreaterThan(scripts).isLessThan(dockerfile.indexOf("USER hub"));
        assertThat(dockerfile).contains("ENTRYPOINT [\"/opt/hub/start.sh\"]");
        assertThat(Files.readString(Path.of(".dockerignore"))).contains("!deploy/image/start.sh", "!deploy/image/train-aot-caches.sh");
        String jar = "/" + Path.of(extract.group(1)).getFileName();
        String training = Files.readString(Path.of("deploy/image/train-aot-caches.sh"));
        assertThat(training).contains("jar=\"$HUB_HOME/app" + jar + "\"")
                .contains("java \"${jvm[@]}\" -XX:AOTCacheOutput=\"$HUB_HOME/hub.aot\" -Dhub.exit-when-ready=true")
                .contains("NEO4J_URI=\"bolt://127.0.0.1:$port\"")
                .contains("java \"${jvm[@]}\" -XX:AOTCacheOutput=\"$HUB_HOME/hub-external.aot\" -Dhub.exit-when-ready=true")
                .contains("rm -rf \"$work\"");
        assertThat(Files.readString(Path.of("src/main/java/kz/reentry/hub/TrainingRun.java")))
                .contains("@ConditionalOnBooleanProperty(\"hub.exit-when-ready\")");
        assertThat(Files.readString(Path.of("src/test/java/kz/reentry/hub/benchmark/Hub.java")))
                .contains("ClassDataCache.of(jar, work, environment.get(\"NEO4J_URI\"))");
    }

    @Test
    @DisplayName("the image's entry point starts the extracted jar with the cache of its shape: hub-external.aot when NEO4J_URI is set, hub.aot when the hub runs its embedded Neo4j; arguments pass through")
    void imageStartsWithTheCacheOfItsShape(@org.junit.jupiter.api.io.TempDir Path home) throws Exception {
        // a stand-in for java that prints how it was called: the script's choice is what is tested
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"$@\"\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();

        assertThat(start(home, bin, null)).isEqualTo("-XX:MaxRAMPercentage=50 -XX:+UseSerialGC -XX:AOTCache="
                + home + "/hub.aot -jar " + home + "/app/reentry-hub.jar --server.port=8080");
        assertThat(start(home, bin, "neo4j://neo4j-1:7687")).isEqualTo("-XX:MaxRAMPercentage=50 -XX:+UseSerialGC -XX:AOTCache="
                + home + "/hub-external.aot -jar " + home + "/app/reentry-hub.jar --server.port=8080");
        assertThat(start(home, bin, "")).as("an empty NEO4J_URI is the embedded default, as application.yaml reads it")
                .contains("-XX:AOTCache=" + home + "/hub.aot ");
    }

    private static String start(Path home, Path bin, String neo4jUri) throws Exception {
        var builder = new ProcessBuilder("sh", Path.of("deploy/image/start.sh").toAbsolutePath().toString(), "--server.port=8080")
                .redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("HUB_HOME", home.toString());
        builder.environment().remove("NEO4J_URI");
        if (neo4jUri != null) {
            builder.environment().put("NEO4J_URI", neo4jUri);
        }
        var process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }

    @Test
    @DisplayName("compose.yaml runs the Neo4j and Artemis versions the hub is built and tested against")
    void imagesMatchTheBuild() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        servicesWithImage("neo4j:").forEach(name -> assertThat(map(services.get(name)).get("image"))
                .isEqualTo("neo4j:" + pomProperty(pom, "neo4j-embedded.version") + "-enterprise"));
        assertThat(map(services.get(single(servicesWithImage("apache/activemq-artemis:")))).get("image"))
                .isEqualTo("apache/activemq-artemis:" + pomProperty(pom, "artemis.version"));
    }

    /** The audience of application.yaml, or the one every hub service sets instead. */
    private static String audienceTheHubChecks() {
        String configured = String.valueOf(at(application, "spring.security.oauth2.resourceserver.jwt.audiences"));
        Matcher placeholder = Pattern.compile("\\$\\{([A-Z_]+):([^}]+)}").matcher(configured);
        assertThat(placeholder.matches()).as("audiences: " + configured).isTrue();
        Set<String> set = new TreeSet<>();
        hubServices().values().forEach(s -> set.add(environment(s).getOrDefault(placeholder.group(1), placeholder.group(2))));
        assertThat(set).as("one audience for every hub").hasSize(1);
        return set.iterator().next();
    }

    /** The client whose client roles are the hub's roles: the one the roles mappers read. */
    private static String rolesClient() {
        Set<Object> named = new HashSet<>();
        realmClients().values().forEach(client -> mappers(client, "oidc-usermodel-client-role-mapper")
                .forEach(c -> named.add(c.get("usermodel.clientRoleMapping.clientId"))));
        assertThat(named).hasSize(1);
        return String.valueOf(named.iterator().next());
    }

    private static Set<String> namesTheHubReads() throws IOException {
        Set<String> names = new TreeSet<>();
        try (var configs = Files.newDirectoryStream(MAIN_RESOURCES, "application*.yaml")) {
            for (Path config : configs) {
                PLACEHOLDER.matcher(Files.readString(config)).results().forEach(m -> names.add(m.group(1)));
            }
        }
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                NAME_IN_CODE.matcher(Files.readString(source)).results().forEach(m -> names.add(m.group(1)));
            }
        }
        // properties bound from the environment by Spring Boot's relaxed binding: the hub's own ...
        flatten("", application, names);
        // ... and Spring Boot's, as its configuration metadata lists them
        var json = JsonMapper.builder().build();
        for (Resource metadata : new PathMatchingResourcePatternResolver().getResources("classpath*:META-INF/spring-configuration-metadata.json")) {
            try (InputStream in = metadata.getInputStream()) {
                list(json.readValue(in, Map.class).get("properties"))
                        .forEach(p -> names.add(environmentForm(String.valueOf(map(p).get("name")))));
            }
        }
        return names;
    }

    private static void flatten(String prefix, Map<String, Object> node, Set<String> names) {
        node.forEach((key, value) -> {
            String name = prefix + key;
            names.add(environmentForm(name));
            if (value instanceof Map<?, ?>) {
                flatten(name + ".", map(value), names);
            }
        });
    }

    /** spring.artemis.user as SPRING_ARTEMIS_USER, hub.delivery.instance-id as HUB_DELIVERY_INSTANCEID. */
    private static String environmentForm(String property) {
        return property.replace(".", "_").replace("-", "").toUpperCase();
    }

    /** The services built from the repository: the hub instances. */
    private static Map<String, Map<String, Object>> hubServices() {
        Map<String, Map<String, Object>> hubs = new LinkedHashMap<>();
        services.forEach((name, service) -> {
            if (map(service).containsKey("build")) {
                hubs.put(name, map(service));
            }
        });
        return hubs;
    }

    private static List<String> servicesWithImage(String prefix) {
        return services.entrySet().stream()
                .filter(e -> String.valueOf(map(e.getValue()).get("image")).startsWith(prefix))
                .map(Map.Entry::getKey).toList();
    }

    private static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        map(service.get("environment")).forEach((k, v) -> env.put(k, String.valueOf(v)));
        return env;
    }

    private static Map<String, Map<String, Object>> realmClients() {
        Map<String, Map<String, Object>> clients = new LinkedHashMap<>();
        list(realm.get("clients")).forEach(c -> clients.put(String.valueOf(map(c).get("clientId")), map(c)));
        return clients;
    }

    private static List<Map<String, Object>> mappers(Map<String, Object> client, String type) {
        List<Map<String, Object>> configs = new ArrayList<>();
        list(client.get("protocolMappers")).stream().map(ComposeTopologyTests::map)
                .filter(m -> type.equals(m.get("protocolMapper"))).forEach(m -> configs.add(map(m.get("config"))));
        return configs;
    }

    private static Object hardcodedClaim(Map<String, Object> client, String claim) {
        return mappers(client, "oidc-hardcoded-claim-mapper").stream()
                .filter(c -> claim.equals(c.get("claim.name")) && "true".equals(c.get("access.token.claim")))
                .map(c -> c.get("claim.value")).findFirst().orElse(null);
    }

    private static Object at(Map<String, Object> root, String path) {
        Object node = root;
        for (String key : path.split("\\.")) {
            node = map(node).get(key);
        }
        return node;
    }

    private static String pomProperty(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        assertThat(m.find()).as(name + " in pom.xml").isTrue();
        return m.group(1);
    }

    private static String single(List<String> names) {
        assertThat(names).hasSize(1);
        return names.getFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node == null ? Map.of() : (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        return node == null ? List.of() : (List<Object>) node;
    }
}
