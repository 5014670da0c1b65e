package dev.flashsale.sim.progress;

/** How a run shows its progress. */
public enum ProgressMode {
    /** {@link #TERMINAL} when the process has a console, {@link #PLAIN} otherwise. */
    AUTO,
    /** One line, rewritten in place a few times a second. */
    TERMINAL,
    /** A plain line every few seconds, for logs and CI. */
    PLAIN,
    /** Nothing. */
    NONE;

    /** Resolves {@link #AUTO} for this process. */
    public ProgressMode resolve() {
        if (this != AUTO) {
            return this;
        }
        return System.console() != null ? TERMINAL : PLAIN;
    }
}
