package dev.flashsale.stack.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

    @Test
    void replacesTheDatabaseAndKeepsHostAndParameters() {
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://127.0.0.1:5432/postgres", "t1"))
                .as("plain URL")
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/t1");
        assertThat(JdbcUrls.withDatabase(
                        "jdbc:postgresql://h1:5432,h2:5433/shop?sslmode=require&loggerLevel=OFF", "t2"))
                .as("several hosts and parameters")
                .isEqualTo("jdbc:postgresql://h1:5432,h2:5433/t2?sslmode=require&loggerLevel=OFF");
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://db?ssl=true", "t3"))
                .as("no database in the URL")
                .isEqualTo("jdbc:postgresql://db/t3?ssl=true");
    }

    @Test
    void rejectsOtherUrls() {
        assertThatThrownBy(() -> JdbcUrls.withDatabase("jdbc:h2:mem:x", "t"))
                .as("not a PostgreSQL URL")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void redactsPasswords() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://db/shop?user=u&password=secret&ssl=true"))
                .as("redacted URL")
                .isEqualTo("jdbc:postgresql://db/shop?user=u&password=******&ssl=true");
    }
}
