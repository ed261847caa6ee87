package kz.reentry.hub.api;

/** A GraphQL argument broke a rule; reported as BAD_REQUEST naming the argument and the rule. */
public class InvalidArgumentException extends RuntimeException {

    private final String argument;
    private final String rule;

    public InvalidArgumentException(String argument, String rule, String message) {
        super(message);
        this.argument = argument;
        this.rule = rule;
    }

    public String argument() {
        return argument;
    }

    public String rule() {
        return rule;
    }
}
