package dev.flashsale.demo;

import picocli.CommandLine.Option;

/** How many workers a sale runs on and how the topics are split: the options the demo, bench and chaos share. */
final class FleetOptions {

    @Option(names = "--workers", defaultValue = "3", description = "Worker instances. Default: ${DEFAULT-VALUE}.")
    int workers;

    @Option(
            names = "--consumers",
            defaultValue = "4",
            description = "Consumer threads per worker, each with its own transactional producer."
                    + " Default: ${DEFAULT-VALUE}.")
    int consumers;

    @Option(
            names = "--partitions",
            defaultValue = "12",
            description = "Partitions of the requests and results topics. Default: ${DEFAULT-VALUE}.")
    int partitions;

    int workers() {
        return workers;
    }

    int consumers() {
        return consumers;
    }

    int partitions() {
        return partitions;
    }

    /** Consumer threads in all, which is also how many threads the JDBC ceilings run on. */
    int threads() {
        return workers * consumers;
    }

    /** @throws IllegalArgumentException naming the option when a count is not positive */
    void validate() {
        requirePositive("--workers", workers);
        requirePositive("--consumers", consumers);
        requirePositive("--partitions", partitions);
    }

    private static void requirePositive(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, got " + value);
        }
    }
}
