package dev.flashsale.worker.decision;

import dev.flashsale.schema.event.PurchaseRequest;
import java.util.Objects;

/** One polled record that carries a request id, as the decision service sees it. */
public sealed interface Incoming {

    /** The request id the answer is for. */
    String requestId();

    /** A request that passed the contract's checks. */
    record Request(PurchaseRequest request) implements Incoming {
        public Request {
            Objects.requireNonNull(request, "request");
        }

        @Override
        public String requestId() {
            return request.requestId();
        }
    }

    /**
     * A record whose request id could be read but which is not a valid request. The other fields are kept when they
     * could be read with the right type, so that the answer and the order row carry them.
     *
     * @param userId the user id, or null when it could not be read
     * @param itemId the item id, or null when it could not be read
     * @param quantity the quantity as written (even out of range), or null when it was not an integer
     * @param problem what is wrong, for logs
     */
    record Invalid(String requestId, String userId, String itemId, Integer quantity, String problem)
            implements Incoming {
        public Invalid {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(problem, "problem");
        }
    }
}
