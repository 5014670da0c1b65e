package dev.flashsale.stack;

/** The three servers a {@link LocalStack} provides. */
public enum Service {
    KAFKA("kafka"),
    POSTGRES("postgres"),
    REDIS("redis");

    private final String displayName;

    Service(String displayName) {
        this.displayName = displayName;
    }

    /** Lower-case name used in logs and messages. */
    public String displayName() {
        return displayName;
    }
}
