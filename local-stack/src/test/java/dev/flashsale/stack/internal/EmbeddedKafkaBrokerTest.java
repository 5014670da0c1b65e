package dev.flashsale.stack.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.BindException;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaBrokerTest {

    @Test
    void aBrokerThatCouldNotBindIsToldApartFromOtherFailures() {
        KafkaException bind = new KafkaException(
                "Socket server failed to bind to 127.0.0.1:53065", new BindException("Address already in use"));
        assertThat(EmbeddedKafkaBroker.portTaken(new RuntimeException("start failed", bind)))
                .isTrue();
        assertThat(EmbeddedKafkaBroker.portTaken(new KafkaException("log directory is not writable")))
                .isFalse();
    }
}
