package dev.flashsale.cli;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where Kafka is and how to talk to it: the options (and variables) every command that uses Kafka takes. */
public final class KafkaConnectionOptions {

    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

    @Option(
            names = "--bootstrap-servers",
            defaultValue = "${env:FLASHSALE_KAFKA_BOOTSTRAP_SERVERS:-" + DEFAULT_BOOTSTRAP_SERVERS + "}",
            description = "Kafka bootstrap servers (FLASHSALE_KAFKA_BOOTSTRAP_SERVERS). Default: ${DEFAULT-VALUE}.")
    String bootstrapServers;

    @Option(
            names = "--kafka-properties",
            defaultValue = "${env:FLASHSALE_KAFKA_PROPERTIES}",
            description = "Properties file of extra Kafka client settings such as TLS or SASL, applied to every"
                    + " client last (FLASHSALE_KAFKA_PROPERTIES). Default: none.")
    Path kafkaProperties;

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The extra client settings of {@code --kafka-properties}; none when it is not given. */
    public Map<String, String> overrides() {
        return PropertiesFiles.read("kafkaProperties", kafkaProperties);
    }
}
