package dev.flashsale.schema;

import static dev.flashsale.schema.db.Tables.ITEMS;
import static dev.flashsale.schema.db.Tables.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flashsale.schema.db.tables.records.ItemsRecord;
import dev.flashsale.schema.db.tables.records.OrdersRecord;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Runs the migration against a real PostgreSQL; every test works in a schema of its own. */
class MigrationsIT {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void migratesANamedSchemaOnceCreatingItFirst() throws SQLException {
        String schema = uniqueSchema("named");

        MigrateResult first = Migrations.migrate(postgres.getPostgresDatabase(), schema);
        MigrateResult second = Migrations.migrate(postgres.getPostgresDatabase(), schema);

        assertThat(first.migrationsExecuted).isEqualTo(1);
        assertThat(first.targetSchemaVersion).isEqualTo("1");
        assertThat(second.migrationsExecuted)
                .as("an up-to-date schema is left alone")
                .isZero();
        assertThat(tablesIn(schema)).containsExactlyInAnyOrder("flyway_schema_history", "items", "orders");
        assertThat(tablesIn("public")).as("nothing leaks into public").doesNotContain("items", "orders");
    }

    @Test
    void migratesTheCurrentSchemaNamedInTheJdbcUrlEvenIfItDoesNotExistYet() throws SQLException {
        String schema = uniqueSchema("url");

        MigrateResult result = Migrations.migrate(urlFor(schema), "postgres", "");

        assertThat(result.migrationsExecuted).isEqualTo(1);
        assertThat(tablesIn(schema)).contains("items", "orders");
    }

    @Test
    void migratesTheCurrentSchemaOfADataSource() throws SQLException {
        String schema = uniqueSchema("ds");
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(urlFor(schema));

        MigrateResult result = Migrations.migrate(dataSource);

        assertThat(result.migrationsExecuted).isEqualTo(1);
        assertThat(tablesIn(schema)).contains("items", "orders");
    }

    @Test
    void generatedClassesReadAndWriteTheMigratedTables() throws SQLException {
        String schema = uniqueSchema("jooq");
        Migrations.migrate(postgres.getPostgresDatabase(), schema);

        try (Connection connection = DriverManager.getConnection(urlFor(schema))) {
            DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
            ItemsRecord item = dsl.newRecord(ITEMS);
            item.setItemId("sku-1");
            item.setName("Limited sneaker");
            item.setInitialStock(10);
            item.setStock(10);
            item.setPerUserLimit(2);
            item.store();
            UUID orderId = UUID.randomUUID();
            dsl.insertInto(ORDERS)
                    .set(ORDERS.REQUEST_ID, "req-1")
                    .set(ORDERS.ORDER_ID, orderId)
                    .set(ORDERS.USER_ID, "user-1")
                    .set(ORDERS.ITEM_ID, "sku-1")
                    .set(ORDERS.QUANTITY, 2)
                    .set(ORDERS.STATUS, "SUCCEEDED")
                    .set(ORDERS.STRATEGY, "atomic")
                    .set(ORDERS.WORKER_ID, "worker-1")
                    .execute();

            ItemsRecord storedItem = dsl.fetchSingle(ITEMS, ITEMS.ITEM_ID.eq("sku-1"));
            OrdersRecord storedOrder = dsl.fetchSingle(ORDERS, ORDERS.REQUEST_ID.eq("req-1"));

            assertThat(storedItem.getFenceToken())
                    .as("fence token defaults to 0")
                    .isZero();
            assertThat(storedItem.getUpdatedAt())
                    .as("updated_at defaults to now()")
                    .isNotNull();
            assertThat(storedOrder.getOrderId()).isEqualTo(orderId);
            assertThat(storedOrder.getDecidedAt())
                    .as("decided_at defaults to now()")
                    .isNotNull();
            assertThat(storedOrder.getReason()).isNull();
        }
    }

    @Test
    void theDatabaseRefusesOversellingAndInconsistentOrders() throws SQLException {
        String schema = uniqueSchema("checks");
        Migrations.migrate(postgres.getPostgresDatabase(), schema);

        try (Connection connection = DriverManager.getConnection(urlFor(schema))) {
            DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
            dsl.insertInto(ITEMS)
                    .set(ITEMS.ITEM_ID, "sku-1")
                    .set(ITEMS.NAME, "Limited sneaker")
                    .set(ITEMS.INITIAL_STOCK, 1)
                    .set(ITEMS.STOCK, 1)
                    .execute();

            assertThatThrownBy(() -> dsl.update(ITEMS)
                            .set(ITEMS.STOCK, ITEMS.STOCK.minus(2))
                            .where(ITEMS.ITEM_ID.eq("sku-1"))
                            .execute())
                    .as("stock never goes negative")
                    .isInstanceOf(DataAccessException.class)
                    .hasMessageContaining("items_stock_not_negative");
            assertThatThrownBy(() -> insertOrder(dsl, "req-1", null, "SUCCEEDED", null))
                    .as("a success needs an order id")
                    .isInstanceOf(DataAccessException.class)
                    .hasMessageContaining("orders_order_id_iff_succeeded");
            assertThatThrownBy(() -> insertOrder(dsl, "req-1", null, "REJECTED", null))
                    .as("a rejection needs a reason")
                    .isInstanceOf(DataAccessException.class)
                    .hasMessageContaining("orders_not_succeeded_has_reason");

            insertOrder(dsl, "req-1", null, "REJECTED", "SOLD_OUT");
            assertThatThrownBy(() -> insertOrder(dsl, "req-1", UUID.randomUUID(), "SUCCEEDED", null))
                    .as("one decision per request id")
                    .isInstanceOf(DataAccessException.class)
                    .hasMessageContaining("orders_pk");
        }
    }

    private static void insertOrder(DSLContext dsl, String requestId, UUID orderId, String status, String reason) {
        dsl.insertInto(ORDERS)
                .set(ORDERS.REQUEST_ID, requestId)
                .set(ORDERS.ORDER_ID, orderId)
                .set(ORDERS.USER_ID, "user-1")
                .set(ORDERS.ITEM_ID, "sku-1")
                .set(ORDERS.QUANTITY, 1)
                .set(ORDERS.STATUS, status)
                .set(ORDERS.REASON, reason)
                .set(ORDERS.STRATEGY, "atomic")
                .set(ORDERS.WORKER_ID, "worker-1")
                .execute();
    }

    private static String uniqueSchema(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static String urlFor(String schema) {
        return postgres.getJdbcUrl("postgres", "postgres") + "&currentSchema=" + schema;
    }

    private static List<String> tablesIn(String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                var statement = connection.prepareStatement(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = ?")) {
            statement.setString(1, schema);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
        }
        return tables;
    }
}
