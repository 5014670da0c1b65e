package dev.flashsale.worker;

import static dev.flashsale.schema.db.Tables.ITEMS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.schema.event.Reason;
import dev.flashsale.worker.config.WorkerConfig;
import dev.flashsale.worker.metrics.WorkerMetrics;
import dev.flashsale.worker.model.Decision;
import dev.flashsale.worker.strategy.PurchaseStrategy;
import dev.flashsale.worker.strategy.StrategyName;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The article's warning about Redis locks, made to happen: a lock holder stalls past its lease, a second holder gets
 * the lock, and both write. With no database guard ({@code distributed}) a sale is lost, so stock no longer equals
 * initial minus sold; the optimistic guard ({@code combined}) and the fence ({@code fenced}) keep the invariant.
 */
class LeaseExpiryIT {

    private static final Duration LEASE = Duration.ofMillis(500);
    private static final int STOCK = 10;

    @ParameterizedTest
    @EnumSource(
            value = StrategyName.class,
            names = {"DISTRIBUTED", "COMBINED", "FENCED"})
    void holderStallingBetweenReadAndWriteOutlivesItsLease(StrategyName strategy) throws Exception {
        try (SaleFixture sale = new SaleFixture("lease-" + strategy.id());
                Parts first = new Parts(sale, strategy, "first", 2);
                Parts second = new Parts(sale, strategy, "second", 2)) {
            sale.seed("item", STOCK, null);

            // Another session holds the item row, so whoever writes it next waits: the stall.
            try (Connection blocker = first.dataSource.getConnection()) {
                blocker.setAutoCommit(false);
                DSL.using(blocker, SQLDialect.POSTGRES)
                        .selectFrom(ITEMS)
                        .where(ITEMS.ITEM_ID.eq("item"))
                        .forUpdate()
                        .fetch();

                CompletableFuture<Decision> stalled = first.decideAsync(new PurchaseRequest("a", "user-a", "item", 1));
                await("the first holder is waiting for the row while holding the Redis lock")
                        .atMost(Duration.ofSeconds(20))
                        .until(() -> waitingOnLocks(sale.dsl) == 1);
                CompletableFuture<Decision> successor =
                        second.decideAsync(new PurchaseRequest("b", "user-b", "item", 1));
                await("the lease ran out and a second holder is waiting too")
                        .atMost(Duration.ofSeconds(20))
                        .until(() -> waitingOnLocks(sale.dsl) == 2);
                blocker.commit();

                List<Decision> decisions =
                        List.of(stalled.get(30, TimeUnit.SECONDS), successor.get(30, TimeUnit.SECONDS));
                long purchased = decisions.stream()
                        .filter(Decision.Purchased.class::isInstance)
                        .count();
                int stock = sale.stock("item");
                if (strategy == StrategyName.DISTRIBUTED) {
                    assertThat(purchased).as("both holders sold").isEqualTo(2);
                    assertThat(stock)
                            .as("a lost update: two sold, one unit taken from stock (the article's warning)")
                            .isEqualTo(STOCK - 1);
                } else {
                    assertThat(stock)
                            .as("%s keeps stock = initial - sold after a lease expiry", strategy)
                            .isEqualTo(STOCK - (int) purchased);
                }
            }
        }
    }

    @Test
    void fencedRefusesAHolderWhoseLeaseExpiredBeforeItWrote() throws Exception {
        try (SaleFixture sale = new SaleFixture("fence-stale");
                Parts stale = new Parts(sale, StrategyName.FENCED, "stale", 1);
                Parts successor = new Parts(sale, StrategyName.FENCED, "successor", 2)) {
            sale.seed("item", STOCK, null);

            // The stale holder's only connection is busy: it takes the lock, then stalls before touching the row.
            try (Connection busy = stale.dataSource.getConnection()) {
                CompletableFuture<Decision> late = stale.decideAsync(new PurchaseRequest("a", "user-a", "item", 1));
                await("the stale holder took the fenced lock")
                        .atMost(Duration.ofSeconds(20))
                        .until(() -> stale.registry.find(WorkerMetrics.LOCK_WAIT).timers().stream()
                                .anyMatch(t -> t.count() > 0));
                Decision next = successor
                        .decideAsync(new PurchaseRequest("b", "user-b", "item", 1))
                        .get(30, TimeUnit.SECONDS);
                assertThat(next).as("the successor, with a newer token, sells").isInstanceOf(Decision.Purchased.class);
                busy.close();
                assertThat(late.get(30, TimeUnit.SECONDS))
                        .as("the stale holder's write is refused by the row's newer fence")
                        .isEqualTo(Decision.refused(Reason.STALE_LOCK));
            }
            assertThat(sale.stock("item")).as("exactly one unit sold").isEqualTo(STOCK - 1);
        }
    }

    /** Sessions waiting for a row lock in this sale's database. */
    private static int waitingOnLocks(DSLContext dsl) {
        return dsl.fetchOne("select count(*)::int from pg_stat_activity where datname = current_database()"
                        + " and wait_event_type = 'Lock'")
                .get(0, Integer.class);
    }

    /** One worker's deciding parts (its own pool, Redis client and short lease), wired as a worker wires them. */
    private static final class Parts implements AutoCloseable {
        final WorkerModule module;
        final HikariDataSource dataSource;
        final MeterRegistry registry;
        final PurchaseStrategy strategy;

        Parts(SaleFixture sale, StrategyName name, String workerId, int poolSize) {
            WorkerConfig config = sale.config(name, workerId, 1).toBuilder()
                    .lockWait(Duration.ofSeconds(10))
                    .lockLease(LEASE)
                    .rowLockTimeout(Duration.ofSeconds(30))
                    .build();
            module = new WorkerModule(config) {
                @Override
                public HikariDataSource dataSource() {
                    // A pool of exactly the size the scenario needs, patient enough to outwait the stall.
                    return once("dataSource", () -> {
                        HikariConfig hikari = new HikariConfig();
                        hikari.setJdbcUrl(sale.jdbcUrl);
                        hikari.setUsername(sale.endpoints.dbUser());
                        hikari.setPassword(sale.endpoints.dbPassword());
                        hikari.setMaximumPoolSize(poolSize);
                        hikari.setConnectionTimeout(30_000);
                        HikariDataSource pool = new HikariDataSource(hikari);
                        closing(pool);
                        return pool;
                    });
                }
            };
            dataSource = module.dataSource();
            registry = module.registry();
            strategy = module.strategy();
        }

        CompletableFuture<Decision> decideAsync(PurchaseRequest request) {
            // Redisson locks belong to a thread: each decision runs start to end on one thread of its own.
            CompletableFuture<Decision> result = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    result.complete(strategy.decide(List.of(request)).get(0));
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                }
            });
            thread.start();
            return result;
        }

        @Override
        public void close() {
            module.close();
        }
    }
}
