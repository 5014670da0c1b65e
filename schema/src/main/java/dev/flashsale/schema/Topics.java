package dev.flashsale.schema;

/** Kafka topic names shared by the simulator and the workers. */
public final class Topics {
    /** Purchase requests published by clients (or the simulator). */
    public static final String PURCHASE_REQUESTS = "purchase-requests";

    /** One decision per request, published by the workers inside a Kafka transaction. */
    public static final String PURCHASE_RESULTS = "purchase-results";

    /** Requests that cannot be answered because no request id could be read from them. */
    public static final String PURCHASE_REQUESTS_DLT = PURCHASE_REQUESTS + ".DLT";

    private Topics() {}
}
