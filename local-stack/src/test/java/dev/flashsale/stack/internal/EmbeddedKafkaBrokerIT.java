package dev.flashsale.stack.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.stack.FreePorts;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {

    @Test
    void aPortTakenBeforeTheBrokerBindsItIsReplacedByAFreshOne(@TempDir Path logDir) throws Exception {
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getByName(FreePorts.LOOPBACK), FreePorts.next()));
            int taken = squatter.getLocalPort();
            // the controller's port first, then the broker's: the first broker port is one something else holds
            Deque<Integer> draws = new ArrayDeque<>();
            draws.add(FreePorts.next());
            draws.add(taken);

            try (EmbeddedKafkaBroker broker =
                    EmbeddedKafkaBroker.start(logDir, () -> draws.isEmpty() ? FreePorts.next() : draws.poll())) {
                assertThat(draws).as("the taken port was tried").isEmpty();
                assertThat(broker.bootstrapServers()).doesNotEndWith(":" + taken);
                try (Admin admin =
                        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                    assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                            .as("the broker started on fresh ports serves")
                            .hasSize(1);
                }
            }
        }
    }
}
