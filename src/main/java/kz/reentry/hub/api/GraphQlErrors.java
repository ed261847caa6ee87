package kz.reentry.hub.api;

import java.util.Map;

import graphql.GraphQLError;
import graphql.schema.DataFetchingEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.security.access.AccessDeniedException;
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
        return GraphQLError.newError().errorType(ErrorType.NOT_FOUND)
                .message(e.getMessage())
                .path(env.getExecutionStepInfo().getPath())
                .location(env.getField().getSourceLocation())
                .build();
    }

    @GraphQlExceptionHandler
    GraphQLError invalidArgument(InvalidArgumentException e, DataFetchingEnvironment env) {
        return GraphQLError.newError().errorType(ErrorType.BAD_REQUEST)
                .message("Argument '" + e.argument() + "': " + e.getMessage())
                .extensions(Map.of("argument", e.argument(), "rule", e.rule()))
                .path(env.getExecutionStepInfo().getPath())
                .location(env.getField().getSourceLocation())
                .build();
    }

    @GraphQlExceptionHandler
    GraphQLError forbidden(AccessDeniedException e, DataFetchingEnvironment env) {
        return GraphQLError.newError().errorType(ErrorType.FORBIDDEN)
                .message("Your client's roles do not allow this operation")
                .path(env.getExecutionStepInfo().getPath())
                .location(env.getField().getSourceLocation())
                .build();
    }
}
