package dev.flashsale.sim.cli;

/** Exit statuses of the simulator's commands. */
public final class ExitStatus {

    /** Everything expected came back and every invariant holds. */
    public static final int OK = 0;

    /** An invariant is broken, or answers are missing. */
    public static final int INVARIANT_BROKEN = 1;

    /** Bad options or settings; nothing was done. */
    public static final int USAGE = 2;

    /** Something failed on the way, such as a server that cannot be reached. */
    public static final int ERROR = 3;

    private ExitStatus() {}
}
