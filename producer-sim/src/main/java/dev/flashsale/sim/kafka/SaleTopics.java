package dev.flashsale.sim.kafka;

import dev.flashsale.schema.Topics;

/**
 * The three topics of one sale.
 *
 * @param requests where requests are published
 * @param results where the workers publish one result per request
 * @param deadLetters where the workers copy records without a readable request id
 */
public record SaleTopics(String requests, String results, String deadLetters) {

    public SaleTopics {
        requireText("requests", requests);
        requireText("results", results);
        requireText("deadLetters", deadLetters);
        if (requests.equals(results) || requests.equals(deadLetters) || results.equals(deadLetters)) {
            throw new IllegalArgumentException("the requests, results and dead-letter topics must differ, got "
                    + requests + ", " + results + ", " + deadLetters);
        }
    }

    /** {@code purchase-requests}, {@code purchase-results}, {@code purchase-requests.DLT}. */
    public static SaleTopics defaults() {
        return new SaleTopics(Topics.PURCHASE_REQUESTS, Topics.PURCHASE_RESULTS, Topics.PURCHASE_REQUESTS_DLT);
    }

    /** {@code <prefix>.requests}, {@code <prefix>.results}, {@code <prefix>.requests.DLT}: one isolated sale. */
    public static SaleTopics named(String prefix) {
        return new SaleTopics(prefix + ".requests", prefix + ".results", prefix + ".requests.DLT");
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " topic must not be empty, got '" + value + "'");
        }
    }
}
