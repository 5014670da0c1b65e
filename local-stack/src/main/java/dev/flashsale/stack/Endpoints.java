package dev.flashsale.stack;

import dev.flashsale.stack.internal.JdbcUrls;
import java.util.Objects;

/**
 * Where the three servers of a {@link LocalStack} can be reached.
 *
 * @param kafkaBootstrapServers value for the Kafka clients' {@code bootstrap.servers}
 * @param jdbcUrl JDBC URL of the PostgreSQL database to connect to by default
 * @param dbUser PostgreSQL user name
 * @param dbPassword PostgreSQL password; never printed by {@link #toString()}
 * @param redisUrl Redis address as {@code redis://host:port}, as Redisson's {@code setAddress} takes it
 */
public record Endpoints(
        String kafkaBootstrapServers, String jdbcUrl, String dbUser, String dbPassword, String redisUrl) {

    public Endpoints {
        Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(dbUser, "dbUser");
        Objects.requireNonNull(dbPassword, "dbPassword");
        Objects.requireNonNull(redisUrl, "redisUrl");
    }

    /** Same endpoints, pointing at another database on the same PostgreSQL server. */
    public Endpoints withJdbcUrl(String otherJdbcUrl) {
        return new Endpoints(kafkaBootstrapServers, otherJdbcUrl, dbUser, dbPassword, redisUrl);
    }

    /** Lists every field with the password masked (also inside the JDBC URL), so logs never carry it. */
    @Override
    public String toString() {
        return "Endpoints[kafkaBootstrapServers=" + kafkaBootstrapServers
                + ", jdbcUrl=" + JdbcUrls.redact(jdbcUrl)
                + ", dbUser=" + dbUser
                + ", dbPassword=******"
                + ", redisUrl=" + redisUrl
                + "]";
    }
}
