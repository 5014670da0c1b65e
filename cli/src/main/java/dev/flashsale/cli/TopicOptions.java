package dev.flashsale.cli;

import dev.flashsale.schema.Topics;
import picocli.CommandLine.Option;

/** The sale's three topics, named the same way (and by the same variables) for every command. */
public final class TopicOptions {

    @Option(
            names = "--requests-topic",
            defaultValue = "${env:FLASHSALE_REQUESTS_TOPIC:-" + Topics.PURCHASE_REQUESTS + "}",
            description = "Topic of the purchase requests (FLASHSALE_REQUESTS_TOPIC). Default: ${DEFAULT-VALUE}.")
    String requestsTopic;

    @Option(
            names = "--results-topic",
            defaultValue = "${env:FLASHSALE_RESULTS_TOPIC:-" + Topics.PURCHASE_RESULTS + "}",
            description = "Topic of the results (FLASHSALE_RESULTS_TOPIC). Default: ${DEFAULT-VALUE}.")
    String resultsTopic;

    @Option(
            names = "--dead-letter-topic",
            defaultValue = "${env:FLASHSALE_DEAD_LETTER_TOPIC:-" + Topics.PURCHASE_REQUESTS_DLT + "}",
            description = "Topic of the records without a readable request id (FLASHSALE_DEAD_LETTER_TOPIC)."
                    + " Default: ${DEFAULT-VALUE}.")
    String deadLetterTopic;

    public String requestsTopic() {
        return requestsTopic;
    }

    public String resultsTopic() {
        return resultsTopic;
    }

    public String deadLetterTopic() {
        return deadLetterTopic;
    }
}
