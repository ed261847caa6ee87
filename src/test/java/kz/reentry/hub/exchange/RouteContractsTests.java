package kz.reentry.hub.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import kz.reentry.hub.delivery.OutboundDeliveryNames;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.support.SimpleBeanDefinitionRegistry;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;

/**
 * The contract between the YAML routes in camel-routes/ and the Java they call, which the compiler
 * cannot see: every bean a route calls exists with that method, every hub header or property a route
 * names is one the Java side names through a constant, and every direct: endpoint a route sends to is
 * consumed by a route. A rename on one side fails here, in seconds, instead of at a message.
 */
class RouteContractsTests {

    private static final Path ROUTES = Path.of("camel-routes");
    private static final Pattern BEAN_CALL = Pattern.compile("ref:\\s*(\\w+)\\s*\\n\\s*method:\\s*(\\w+)");
    private static final Pattern HUB_NAME = Pattern.compile("\\bhub[A-Z]\\w*");
    private static final Pattern DIRECT = Pattern.compile("direct:[\\w-]+");
    private static final Pattern CONSUMED = Pattern.compile("from:\\s*\\n\\s*uri:\\s*(direct:[\\w-]+)");

    @Test
    @DisplayName("every bean method a route calls exists on the Spring component of that name")
    void beanCallsResolve() throws Exception {
        Map<String, Class<?>> components = componentsByBeanName();
        List<String> broken = new java.util.ArrayList<>();
        for (var call : matches(BEAN_CALL)) {
            String bean = call[0];
            String method = call[1];
            Class<?> type = components.get(bean);
            boolean found = type != null && Arrays.stream(type.getMethods()).map(Method::getName).anyMatch(method::equals);
            if (!found) {
                broken.add(bean + "." + method + (type == null ? " (no such bean)" : " (no such public method)"));
            }
        }
        assertThat(matches(BEAN_CALL)).as("bean calls found in the routes").isNotEmpty();
        assertThat(broken).as("bean calls of the routes that do not resolve").isEmpty();
    }

    @Test
    @DisplayName("every hub header or exchange property a route names is a constant of the Java side")
    void headerNamesAreConstants() throws Exception {
        Set<String> constants = new HashSet<>();
        for (Class<?> holder : List.of(IntakeHeaders.class, OutboundDeliveryNames.class)) {
            for (Field field : holder.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                    field.setAccessible(true);
                    constants.add((String) field.get(null));
                }
            }
        }
        Set<String> named = new TreeSet<>();
        for (String text : routeTexts()) {
            HUB_NAME.matcher(text).results().map(m -> m.group()).forEach(named::add);
        }
        assertThat(named).as("hub names in the routes").isNotEmpty();
        assertThat(named).as("hub names in the routes that no Java constant names").isSubsetOf(constants);
    }

    @Test
    @DisplayName("every direct: endpoint a route or the outbox sends to is the start of some route")
    void directEndpointsAreConsumed() throws Exception {
        Set<String> consumed = new TreeSet<>();
        Set<String> used = new TreeSet<>();
        for (String text : routeTexts()) {
            CONSUMED.matcher(text).results().map(m -> m.group(1)).forEach(consumed::add);
            DIRECT.matcher(text.replaceAll("(?m)#.*$", "")).results().map(m -> m.group()).forEach(used::add);
        }
        used.add(OutboundDeliveryNames.ROUTE);
        assertThat(consumed).isNotEmpty();
        assertThat(used).as("direct: endpoints nobody consumes").isSubsetOf(consumed);
    }

    private static List<String[]> matches(Pattern pattern) throws IOException {
        List<String[]> found = new java.util.ArrayList<>();
        for (String text : routeTexts()) {
            pattern.matcher(text).results().forEach(m -> found.add(new String[] {m.group(1), m.group(2)}));
        }
        return found;
    }

    private static List<String> routeTexts() throws IOException {
        try (Stream<Path> files = Files.list(ROUTES)) {
            return files.filter(f -> f.toString().endsWith(".camel.yaml")).sorted().map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    private static Map<String, Class<?>> componentsByBeanName() throws ClassNotFoundException {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Component.class));
        var names = new AnnotationBeanNameGenerator();
        var registry = new SimpleBeanDefinitionRegistry();
        Map<String, Class<?>> byName = new HashMap<>();
        for (var candidate : scanner.findCandidateComponents("kz.reentry.hub")) {
            if (candidate instanceof AnnotatedBeanDefinition) {
                byName.put(names.generateBeanName(candidate, registry), Class.forName(candidate.getBeanClassName()));
            }
        }
        return byName;
    }
}
