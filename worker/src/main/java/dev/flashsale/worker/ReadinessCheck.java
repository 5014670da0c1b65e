package dev.flashsale.worker;

import java.util.Optional;

/** One server the worker's decisions depend on, asked whether it answers. */
@FunctionalInterface
public interface ReadinessCheck {

    /**
     * Why the worker cannot decide right now, naming the server and its error (such as {@code "database: Connection
     * refused"}); empty while it answers.
     */
    Optional<String> problem();
}
