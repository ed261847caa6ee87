package kz.reentry.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.nimbusds.jwt.SignedJWT;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import kz.reentry.hub.support.DisclosureLog;
import kz.reentry.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/**
 * Each demo client (README table) on each root operation of the schema, with its real token: an
 * operation its roles allow is not refused, any other is refused with FORBIDDEN and the refusal is
 * in the disclosure log. The expected table is security/operation-access.csv, checked against the
 * schema and against the @PreAuthorize that enforces it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationAccessMatrixIT extends HubIntegrationTest {

    private static final List<String> CLIENTS = List.of("kuis-demo", "probation-demo", "police-demo", "akimat-demo",
            "labour-demo", "health-demo", "tb-demo", "prosecutor-demo", "ngo-demo", "ngo2-demo");
    private static final OperationAccessMatrix MATRIX = OperationAccessMatrix.load();

    @Autowired
    GraphQlSource graphQlSource;

    @Autowired
    ApplicationContext context;

    @Test
    @DisplayName("the table names every query and mutation of the schema, and nothing else")
    void tableCoversTheSchema() {
        GraphQLSchema schema = graphQlSource.schema();
        Set<String> operations = new TreeSet<>();
        schema.getQueryType().getFieldDefinitions().forEach(f -> operations.add("Query." + f.getName()));
        schema.getMutationType().getFieldDefinitions().forEach(f -> operations.add("Mutation." + f.getName()));

        assertThat(new TreeSet<>(MATRIX.rules().keySet())).as("operations in operation-access.csv")
                .isEqualTo(operations);
    }

    @Test
    @DisplayName("the roles of the table are the roles of the @PreAuthorize that enforces each operation")
    void tableMatchesPreAuthorize() throws Exception {
        Map<String, Set<String>> enforced = new TreeMap<>();
        for (Object bean : context.getBeansWithAnnotation(Controller.class).values()) {
            Class<?> type = AopUtils.getTargetClass(bean);
            for (Method method : type.getDeclaredMethods()) {
                String operation = operationOf(method);
                if (operation != null) {
                    enforced.put(operation, preAuthorized(method, type));
                }
            }
        }
        Map<String, Set<String>> expected = new TreeMap<>();
        for (var rule : MATRIX.rules().values()) {
            if (rule.enforcedAt() != null) {
                String[] classAndMethod = rule.enforcedAt().split("#");
                Class<?> type = Class.forName(classAndMethod[0]);
                Method method = Stream.of(type.getDeclaredMethods()).filter(m -> m.getName().equals(classAndMethod[1]))
                        .findFirst().orElseThrow();
                enforced.put(rule.operation(), preAuthorized(method, type));
            }
            if (enforced.containsKey(rule.operation())) {
                expected.put(rule.operation(), rule.roles());
            }
        }

        assertThat(enforced).doesNotContainValue(Set.of()).isEqualTo(expected);
        assertThat(enforced.keySet()).as("operations with a controller method").hasSizeGreaterThan(30);
    }

    Stream<Arguments> clientsAndOperations() {
        List<Arguments> cases = new ArrayList<>();
        for (String client : CLIENTS) {
            MATRIX.rules().keySet().forEach(operation -> cases.add(Arguments.of(client, operation)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("clientsAndOperations")
    @DisplayName("a client's roles decide each operation: allowed ones are not refused, others are FORBIDDEN and logged as REFUSED")
    void roleOnOperation(String client, String operation) throws Exception {
        String token = tokenFor(client);
        List<String> roles = SignedJWT.parse(token).getJWTClaimsSet().getStringListClaim(HubClaims.ROLES);
        String agency = SignedJWT.parse(token).getJWTClaimsSet().getStringClaim(HubClaims.AGENCY);
        String endUser = DisclosureLog.uniqueEndUser("matrix");
        boolean allowed = MATRIX.rules().get(operation).allows(roles);

        var reply = DisclosureLog.as(graphQlWithToken(token), endUser).document(probe(operation)).executeSync();

        var refusals = reply.getErrors().stream()
                .filter(error -> Set.of("FORBIDDEN", "UNAUTHORIZED").contains(String.valueOf(error.getErrorType())))
                // a field withheld by the access policy names its reason; a refused operation does not
                .filter(error -> !error.getExtensions().containsKey("reason"))
                .toList();
        if (allowed) {
            assertThat(refusals).as(client + " may call " + operation + ": " + reply.getErrors()).isEmpty();
            return;
        }
        assertThat(refusals).as(client + " may not call " + operation).singleElement()
                .satisfies(error -> assertThat(error.getErrorType().toString()).isEqualTo("FORBIDDEN"));
        assertThat(DisclosureLog.byEndUser(graphQl("prosecutor-demo"), Map.of("agency", agency), endUser))
                .as("the refusal in the disclosure log").singleElement().satisfies(entry -> assertThat(entry)
                        .containsEntry("client", client).containsEntry("outcome", "REFUSED")
                        .containsEntry("operation", operation.replace("Query.", "QUERY ").replace("Mutation.", "MUTATION ")));
    }

    /** The smallest document that calls the operation: required arguments made up, only __typename selected. */
    private String probe(String operation) {
        GraphQLSchema schema = graphQlSource.schema();
        boolean mutation = operation.startsWith("Mutation.");
        String name = operation.substring(operation.indexOf('.') + 1);
        GraphQLObjectType root = mutation ? schema.getMutationType() : schema.getQueryType();
        GraphQLFieldDefinition field = root.getFieldDefinition(name);
        String arguments = field.getArguments().stream()
                .filter(argument -> GraphQLTypeUtil.isNonNull(argument.getType()) && !argument.hasSetDefaultValue())
                .map(argument -> argument.getName() + ": " + literal(argument.getType()))
                .collect(Collectors.joining(", "));
        GraphQLType result = GraphQLTypeUtil.unwrapAll(field.getType());
        String selection = result instanceof GraphQLScalarType || result instanceof GraphQLEnumType ? "" : " { __typename }";
        return (mutation ? "mutation" : "query") + " { " + name + (arguments.isEmpty() ? "" : "(" + arguments + ")")
                + selection + " }";
    }

    private static String literal(GraphQLInputType type) {
        if (type instanceof GraphQLNonNull nonNull) {
            return literal((GraphQLInputType) nonNull.getWrappedType());
        }
        if (type instanceof GraphQLList list) {
            return "[" + literal((GraphQLInputType) list.getWrappedType()) + "]";
        }
        if (type instanceof GraphQLEnumType enumType) {
            return enumType.getValues().getFirst().getName();
        }
        if (type instanceof GraphQLInputObjectType input) {
            return input.getFieldDefinitions().stream()
                    .filter(f -> GraphQLTypeUtil.isNonNull(f.getType()) && !f.hasSetDefaultValue())
                    .map(f -> f.getName() + ": " + literal(f.getType()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return switch (((GraphQLNamedType) type).getName()) {
            case "Int" -> "1";
            case "Float" -> "1.0";
            case "Boolean" -> "true";
            case "Date" -> "\"2030-01-01\"";
            case "DateTime" -> "\"2030-01-01T00:00:00Z\"";
            case "_Any" -> "{__typename: \"Region\", code: \"KZ-75\"}";
            default -> "\"matrix-probe\"";
        };
    }

    private static String operationOf(Method method) {
        QueryMapping query = AnnotatedElementUtils.findMergedAnnotation(method, QueryMapping.class);
        if (query != null) {
            return "Query." + (query.name().isEmpty() ? method.getName() : query.name());
        }
        MutationMapping mutation = AnnotatedElementUtils.findMergedAnnotation(method, MutationMapping.class);
        if (mutation != null) {
            return "Mutation." + (mutation.name().isEmpty() ? method.getName() : mutation.name());
        }
        return null;
    }

    private static Set<String> preAuthorized(Method method, Class<?> type) {
        PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(method, PreAuthorize.class);
        if (rule == null) {
            rule = AnnotatedElementUtils.findMergedAnnotation(type, PreAuthorize.class);
        }
        return rule == null ? Set.of() : OperationAccessMatrix.rolesOf(rule.value());
    }
}
