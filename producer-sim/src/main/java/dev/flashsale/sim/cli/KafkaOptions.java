package dev.flashsale.sim.cli;

import dev.flashsale.schema.Topics;
import dev.flashsale.sim.kafka.KafkaSettings;
import dev.flashsale.sim.kafka.SaleTopics;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where Kafka is and which topics the sale uses; the same variables as the worker's. */
public final class KafkaOptions {

    @Option(
            names = "--bootstrap-servers",
            defaultValue = "${env:FLASHSALE_KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (FLASHSALE_KAFKA_BOOTSTRAP_SERVERS). Default: ${DEFAULT-VALUE}.")
    String bootstrapServers;

    @Option(
            names = "--kafka-properties",
            defaultValue = "${env:FLASHSALE_KAFKA_PROPERTIES}",
            description = "Properties file of extra Kafka client settings such as TLS or SASL"
                    + " (FLASHSALE_KAFKA_PROPERTIES). Default: none.")
    Path kafkaProperties;

    @Option(
            names = "--requests-topic",
            defaultValue = "${env:FLASHSALE_REQUESTS_TOPIC:-" + Topics.PURCHASE_REQUESTS + "}",
            description = "Topic requests are published to (FLASHSALE_REQUESTS_TOPIC). Default: ${DEFAULT-VALUE}.")
    String requestsTopic;

    @Option(
            names = "--results-topic",
            defaultValue = "${env:FLASHSALE_RESULTS_TOPIC:-" + Topics.PURCHASE_RESULTS + "}",
            description = "Topic results are read from (FLASHSALE_RESULTS_TOPIC). Default: ${DEFAULT-VALUE}.")
    String resultsTopic;

    @Option(
            names = "--dead-letter-topic",
            defaultValue = "${env:FLASHSALE_DEAD_LETTER_TOPIC:-" + Topics.PURCHASE_REQUESTS_DLT + "}",
            description = "Topic dead letters are read from (FLASHSALE_DEAD_LETTER_TOPIC). Default: ${DEFAULT-VALUE}.")
    String deadLetterTopic;

    KafkaSettings settings() {
        Map<String, String> overrides =
                kafkaProperties == null ? Map.of() : KafkaSettings.readProperties(kafkaProperties);
        return new KafkaSettings(bootstrapServers, overrides);
    }

    SaleTopics topics() {
        return new SaleTopics(requestsTopic, resultsTopic, deadLetterTopic);
    }
}
