package dev.flashsale.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class CliOptionsTest {

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        KafkaConnectionOptions kafka = new KafkaConnectionOptions();

        @Mixin
        TopicOptions topics = new TopicOptions();

        @Mixin
        DatabaseOptions database = new DatabaseOptions();
    }

    private static Probe parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe;
    }

    @ParameterizedTest
    @CsvSource({"250ms, PT0.25S", "2s, PT2S", "2 s, PT2S", "1m, PT1M", "1h, PT1H", "PT3S, PT3S"})
    void durationsInShortOrIsoForm(String text, String iso) {
        assertThat(DurationConverter.parse(text)).isEqualTo(Duration.parse(iso));
    }

    @Test
    void aBadDurationShowsTheAcceptedForms() {
        assertThatThrownBy(() -> DurationConverter.parse("soon"))
                .hasMessageContaining("'soon' is not a duration")
                .hasMessageContaining("250ms");
    }

    @Test
    void defaultsNameTheStandardTopicsAndServers() {
        Probe probe = parse();
        assertThat(probe.kafka.bootstrapServers()).isEqualTo(KafkaConnectionOptions.DEFAULT_BOOTSTRAP_SERVERS);
        assertThat(probe.kafka.overrides()).isEmpty();
        assertThat(probe.topics.requestsTopic()).isEqualTo("purchase-requests");
        assertThat(probe.topics.resultsTopic()).isEqualTo("purchase-results");
        assertThat(probe.topics.deadLetterTopic()).isEqualTo("purchase-requests.DLT");
        assertThat(probe.database.url()).isEqualTo(DatabaseOptions.DEFAULT_URL);
    }

    @Test
    void kafkaPropertiesAreReadAndAMissingFileIsNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "security.protocol=SSL\n");
        assertThat(parse("--kafka-properties", file.toString()).kafka.overrides())
                .containsEntry("security.protocol", "SSL");
        assertThatThrownBy(
                        () -> parse("--kafka-properties", dir.resolve("missing").toString())
                                .kafka
                                .overrides())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kafkaProperties: cannot read");
    }

    @Test
    void aDatabaseUrlOfAnotherKindIsRefused() {
        assertThatThrownBy(() -> parse("--db-url", "mysql://x").database.validate())
                .hasMessageContaining("--db-url must be a PostgreSQL JDBC URL");
    }
}
