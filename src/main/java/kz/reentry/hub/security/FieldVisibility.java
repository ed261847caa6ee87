package kz.reentry.hub.security;

import java.util.List;

import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.stereotype.Component;

/**
 * The field rules of the access policy for what the hub builds itself out of fields (histories of
 * corrected values, the case timeline's summaries), outside the field fetch where
 * {@link FieldAccessInstrumentation} applies them. A value of {@code Type.field} is shown only if the
 * schema has that field and no rule hides it from the caller's party: a value that no field of the
 * schema gives anybody (the housing of a planned release) is not shown through a summary either.
 */
@Component
public class FieldVisibility {

    private final AccessPolicy policy;
    private final CallerScopes scopes;
    /** The schema is built from the controllers, some of which use this: looked up when first needed. */
    private final ObjectProvider<GraphQlSource> graphQl;
    private volatile GraphQLSchema schema;

    FieldVisibility(AccessPolicy policy, CallerScopes scopes, ObjectProvider<GraphQlSource> graphQl) {
        this.policy = policy;
        this.scopes = scopes;
        this.graphQl = graphQl;
    }

    /** The party kind of the calling client, or null (which sees no field that has a rule). */
    public String currentPartyKind() {
        return Caller.authenticated().map(scopes::partyKind).orElse(null);
    }

    /**
     * Whether a party of this kind sees the field on every object of the type: a rule limited by a
     * condition ('when') counts as hiding it, since no object is at hand to test the condition on.
     */
    public boolean shows(String type, String field, String partyKind) {
        return inSchema(type, field)
                && policy.fieldRule(type, field).map(rule -> !rule.hidesFrom(partyKind)).orElse(true);
    }

    /** Whether a party of this kind sees the field on this object (a rule's condition tested on it). */
    public boolean shows(String type, String field, Object source, String partyKind) {
        return inSchema(type, field) && policy.fieldRule(type, field)
                .map(rule -> !(FieldAccessInstrumentation.applies(rule, source) && rule.hidesFrom(partyKind)))
                .orElse(true);
    }

    /** {@code Type.field} form of {@link #shows(String, String, String)}. */
    public boolean shows(String typeAndField, String partyKind) {
        int dot = typeAndField.indexOf('.');
        return shows(typeAndField.substring(0, dot), typeAndField.substring(dot + 1), partyKind);
    }

    /** The fields of the type a party of this kind sees on every object of it. */
    public List<String> shownFields(String type, String partyKind) {
        if (!(schema().getType(type) instanceof GraphQLObjectType object)) {
            return List.of();
        }
        return object.getFieldDefinitions().stream().map(GraphQLFieldDefinition::getName)
                .filter(field -> shows(type, field, partyKind)).toList();
    }

    private boolean inSchema(String type, String field) {
        return schema().getType(type) instanceof GraphQLObjectType object && object.getFieldDefinition(field) != null;
    }

    private GraphQLSchema schema() {
        GraphQLSchema current = schema;
        if (current == null) {
            current = graphQl.getObject().schema();
            schema = current;
        }
        return current;
    }
}
