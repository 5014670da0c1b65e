package dev.flashsale.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EndpointsTest {

    @Test
    void toStringNeverShowsThePassword() {
        Endpoints endpoints = new Endpoints(
                "127.0.0.1:9092",
                "jdbc:postgresql://db:5432/shop?password=s3cret-in-url",
                "shop",
                "s3cret",
                "redis://127.0.0.1:6379");

        assertThat(endpoints.toString())
                .as("printed endpoints")
                .doesNotContain("s3cret")
                .contains("127.0.0.1:9092", "dbUser=shop", "redis://127.0.0.1:6379", "dbPassword=******");
    }

    @Test
    void withJdbcUrlKeepsEverythingElse() {
        Endpoints endpoints = new Endpoints("k:1", "jdbc:postgresql://h:1/a", "u", "p", "redis://r:2");

        assertThat(endpoints.withJdbcUrl("jdbc:postgresql://h:1/b"))
                .as("endpoints for another database")
                .isEqualTo(new Endpoints("k:1", "jdbc:postgresql://h:1/b", "u", "p", "redis://r:2"));
    }
}
