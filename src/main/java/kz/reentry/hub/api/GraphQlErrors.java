package kz.reentry.hub.api;

import java.util.Map;
import java.util.UUID;

import graphql.GraphQLError;
import graphql.schema.DataFetchingEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.data.federation.RepresentationException;
import org.springframework.graphql.data.federation.RepresentationNotResolvedException;
import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.BindException;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * The one place where exceptions become GraphQL errors. Messages are in the caller's terms; an
 * unexpected exception is logged with an id and reported by that id only, never by its message.
 */
@ControllerAdvice
class GraphQlErrors {

    private static final Logger log = LoggerFactory.getLogger(GraphQlErrors.class);

    @GraphQlExceptionHandler
    GraphQLError notFound(NotFoundException e, DataFetchingEnvironment env) {
        return at(env, ErrorType.NOT_FOUND, e.getMessage()).build();
    }

    @GraphQlExceptionHandler
    GraphQLError invalidArgument(InvalidArgumentException e, DataFetchingEnvironment env) {
        return at(env, ErrorType.BAD_REQUEST, "Argument '" + e.argument() + "': " + e.getMessage())
                .extensions(Map.of("argument", e.argument(), "rule", e.rule())).build();
    }

    /** Refused by role: {@code @PreAuthorize} on the operation. */
    @GraphQlExceptionHandler
    GraphQLError forbidden(AccessDeniedException e, DataFetchingEnvironment env) {
        return at(env, ErrorType.FORBIDDEN, "Your client's roles do not allow this operation").build();
    }

    /** Refused on the record: the roles allow the operation, the record is another party's to change. */
    @GraphQlExceptionHandler
    GraphQLError forbiddenHere(ForbiddenException e, DataFetchingEnvironment env) {
        return at(env, ErrorType.FORBIDDEN, "Not allowed on this record: " + e.getMessage()).build();
    }

    @GraphQlExceptionHandler
    GraphQLError unauthorized(AuthenticationException e, DataFetchingEnvironment env) {
        return at(env, ErrorType.UNAUTHORIZED, "This operation needs a valid access token").build();
    }

    /**
     * A value that cannot be bound to what the hub expects, such as a representation's key sent as a list
     * instead of an ID. Spring's own answer would name its binder's internals.
     */
    @GraphQlExceptionHandler
    GraphQLError unbindable(BindException e, DataFetchingEnvironment env) {
        return at(env, ErrorType.BAD_REQUEST, "A value has the wrong type: keys of a representation are IDs (strings)").build();
    }

    /**
     * A representation of {@code _entities} the hub cannot resolve: no {@code __typename}, or a type that
     * is not one of its entities. Spring's own answer would be an INTERNAL_ERROR with its message.
     */
    @GraphQlExceptionHandler
    GraphQLError representation(RepresentationException e, DataFetchingEnvironment env) {
        return e instanceof RepresentationNotResolvedException
                ? at(env, ErrorType.NOT_FOUND, "No such entity is known to the hub").build()
                : at(env, ErrorType.BAD_REQUEST, "Each representation needs a __typename of an entity of this subgraph and its key fields").build();
    }

    /**
     * Anything else is a defect or an outage, not the caller's doing: logged with an incident id, and
     * reported by that id only. Without this, some paths (the {@code _entities} of federation) would
     * send the exception's own message, which can name classes, queries or hosts of the hub.
     */
    @GraphQlExceptionHandler
    GraphQLError unexpected(Exception e, DataFetchingEnvironment env) {
        String incident = UUID.randomUUID().toString();
        log.error("GraphQL field {} failed, incident {}", env.getExecutionStepInfo().getPath(), incident, e);
        return at(env, ErrorType.INTERNAL_ERROR, "Internal error, incident " + incident)
                .extensions(Map.of("incident", incident)).build();
    }

    private static GraphQLError.Builder<?> at(DataFetchingEnvironment env, ErrorType type, String message) {
        return GraphQLError.newError().errorType(type).message(message)
                .path(env.getExecutionStepInfo().getPath())
                .location(env.getField().getSourceLocation());
    }
}
