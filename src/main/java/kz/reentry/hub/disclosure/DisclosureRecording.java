package kz.reentry.hub.disclosure;

import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentSkipListSet;

import graphql.ExecutionResult;
import graphql.GraphQLContext;
import graphql.execution.DataFetcherResult;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.language.Field;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLObjectType;
import kz.reentry.hub.person.Person;
import kz.reentry.hub.security.RequestContext;
import org.springframework.stereotype.Component;

/**
 * Records every GraphQL operation that touched personal data, or was refused: which persons, which
 * fields, by whom, for which end user and purpose. Entries go to the journal before the answer is
 * sent, and from there into the hash-chained log in the graph.
 */
@Component
class DisclosureRecording extends SimplePerformantInstrumentation {

    /** Federation's entity lookup: a representation it cannot resolve is a person asked for and not shown. */
    private static final String ENTITIES = "Query._entities";
    /** Error classifications that mean the hub refused something, as opposed to a caller's typo. */
    private static final Set<String> REFUSALS = Set.of("NOT_FOUND", "FORBIDDEN", "ExecutionAborted");

    private final DisclosureJournal journal;

    DisclosureRecording(DisclosureJournal journal) {
        this.journal = journal;
    }

    @Override
    public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
        return new Touched();
    }

    /** The operation actually executed: its kind and name (or the fields it asks for, when it has no name). */
    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        if (state instanceof Touched touched) {
            var operation = parameters.getExecutionContext().getOperationDefinition();
            String name = operation.getName() != null ? operation.getName()
                    : operation.getSelectionSet().getSelectionsOfType(Field.class).stream()
                    .map(Field::getName).reduce((a, b) -> a + "," + b).orElse("(anonymous)");
            touched.operation = operation.getOperation().name() + " " + name;
            touched.rootFields = operation.getSelectionSet().getSelectionsOfType(Field.class).size();
        }
        return SimpleInstrumentationContext.noOp();
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
                                                InstrumentationState state) {
        if (!(state instanceof Touched touched)
                || !(parameters.getEnvironment().getParentType() instanceof GraphQLObjectType parent)) {
            return dataFetcher;
        }
        String field = parent.getName() + "." + parameters.getEnvironment().getFieldDefinition().getName();
        boolean mutation = parent.getName().equals("Mutation");
        if (field.equals(ENTITIES)) {
            return environment -> touched.refusedUnresolved(dataFetcher.get(environment));
        }
        return environment -> {
            touched.read(environment.getSource(), field);
            if (mutation) {
                touched.wrote(field);
            }
            Object value = dataFetcher.get(environment);
            if (!mutation) {
                return value;
            }
            // a mutation touches its person even when the answer selects no field of it ({ id }, __typename)
            if (value instanceof CompletionStage<?> stage) {
                return stage.thenApply(written -> {
                    touched.read(written, field);
                    return written;
                });
            }
            touched.read(value, field);
            return value;
        };
    }

    /** The persons whose data a value holds: one for a person or its record, any number for a kept message. */
    private static List<String> personsOf(Object value) {
        if (value instanceof DataFetcherResult<?> result) {
            return personsOf(result.getData());
        }
        if (value instanceof Person person) {
            return List.of(person.id());
        }
        if (value instanceof AboutPersons records) {
            return records.personIds();
        }
        return value instanceof AboutPerson record && record.personId() != null ? List.of(record.personId()) : List.of();
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
                                                                        InstrumentationExecutionParameters parameters,
                                                                        InstrumentationState state) {
        if (state instanceof Touched touched) {
            boolean refused = touched.unresolved || result.getErrors().stream().anyMatch(error -> error.getErrorType() != null
                    && REFUSALS.contains(error.getErrorType().toString()));
            result.getErrors().stream()
                    .filter(error -> error.getErrorType() != null && error.getErrorType().toString().equals("ExecutionAborted"))
                    .findFirst()
                    .ifPresent(aborted -> touched.operation = (touched.operation == null ? "QUERY" : touched.operation)
                            + " refused by a limit: " + abbreviated(aborted.getMessage()));
            // a subscription comes here once per event with the same state: each entry names its own event's persons
            Touched.Snapshot touchedNow = touched.drain();
            boolean mutation = touchedNow.operation() != null && touchedNow.operation().startsWith("MUTATION");
            if (!touchedNow.persons().isEmpty() || touchedNow.personal() || refused || mutation) {
                journal.append(entry(parameters, touchedNow, refused, mutation ? mutationOutcome(result, touched.rootFields) : null));
            }
        }
        return CompletableFuture.completedFuture(result);
    }

    /**
     * An error on a root field means that field wrote nothing (each runs in one transaction); an error on
     * the whole operation, that none ran. An error deeper down is a field of the answer withheld after the
     * write. So: WRITTEN, PARTLY_REFUSED when some root fields failed, REFUSED when all did.
     */
    private static DisclosureEntry.Outcome mutationOutcome(ExecutionResult result, int rootFields) {
        Set<Object> failed = new HashSet<>();
        for (var error : result.getErrors()) {
            if (error.getPath() == null || error.getPath().isEmpty()) {
                return DisclosureEntry.Outcome.REFUSED;
            }
            if (error.getPath().size() == 1) {
                failed.add(error.getPath().getFirst());
            }
        }
        return failed.isEmpty() ? DisclosureEntry.Outcome.WRITTEN
                : failed.size() >= rootFields ? DisclosureEntry.Outcome.REFUSED : DisclosureEntry.Outcome.PARTLY_REFUSED;
    }

    /** @param mutationOutcome the outcome of a mutation, null for a query or a subscription event */
    private static DisclosureEntry entry(InstrumentationExecutionParameters parameters, Touched.Snapshot touched,
                                         boolean refused, DisclosureEntry.Outcome mutationOutcome) {
        GraphQLContext context = parameters.getGraphQLContext();
        String operation = touched.operation() == null ? "QUERY (not executed)" : touched.operation();
        DisclosureEntry.Outcome outcome = mutationOutcome != null ? mutationOutcome
                : refused && touched.persons().isEmpty() ? DisclosureEntry.Outcome.REFUSED
                : refused ? DisclosureEntry.Outcome.PARTLY_REFUSED : DisclosureEntry.Outcome.DISCLOSED;
        return DisclosureEntry.by(value(context, RequestContext.CLIENT), value(context, RequestContext.AGENCY))
                .forWhom(context.get(RequestContext.END_USER), context.get(RequestContext.PURPOSE))
                .operation(operation).persons(touched.persons()).fields(touched.fields()).outcome(outcome);
    }

    private static String abbreviated(String message) {
        return message.length() <= 160 ? message : message.substring(0, 160) + "…";
    }

    private static String value(GraphQLContext context, String key) {
        Object value = context.get(key);
        return value == null ? "unknown" : value.toString();
    }

    /**
     * What one operation (or one event of a subscription) touched; fields are fetched concurrently,
     * hence the concurrent sets.
     */
    private static final class Touched implements InstrumentationState {
        final Set<String> persons = new ConcurrentSkipListSet<>();
        final Set<String> fields = new ConcurrentSkipListSet<>();
        volatile String operation;
        volatile int rootFields;
        /** Personal data was read whose persons could not all be named (a kept message's payload). */
        volatile boolean personal;
        /** An _entities lookup found nothing for a representation: refused (or unknown), like a NOT_FOUND. */
        volatile boolean unresolved;

        /** A field of this source was read: logged if the source holds personal data. */
        void read(Object source, String field) {
            List<String> about = personsOf(source);
            if (!about.isEmpty()) {
                persons.addAll(about);
                fields.add(field);
            }
            if (source instanceof AboutPersons) {
                personal = true;
                fields.add(field);
            }
        }

        /** Notes a representation _entities did not resolve, whatever shape the answer comes in. */
        Object refusedUnresolved(Object value) {
            if (value instanceof CompletionStage<?> stage) {
                return stage.thenApply(this::refusedUnresolved);
            }
            Object data = value instanceof DataFetcherResult<?> result ? result.getData() : value;
            if (data instanceof List<?> entities && entities.contains(null)) {
                unresolved = true;
            }
            return value;
        }

        void wrote(String field) {
            fields.add(field);
        }

        /** What was touched since the last drain, which it forgets. */
        synchronized Snapshot drain() {
            var snapshot = new Snapshot(operation, List.copyOf(new TreeSet<>(persons)), List.copyOf(new TreeSet<>(fields)),
                    personal);
            persons.removeAll(snapshot.persons());
            fields.removeAll(snapshot.fields());
            personal = false;
            unresolved = false;
            return snapshot;
        }

        record Snapshot(String operation, List<String> persons, List<String> fields, boolean personal) {
        }
    }
}
