package dev.flashsale.demo.bench;

import dev.flashsale.demo.process.CpuMeter;
import dev.flashsale.demo.sale.IsolatedSale;
import dev.flashsale.demo.sale.SaleSettings;
import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.sim.Verifier;
import dev.flashsale.sim.verify.Check;
import dev.flashsale.sim.verify.Expectations;
import dev.flashsale.sim.verify.Observations;
import dev.flashsale.sim.verify.Verification;
import dev.flashsale.sim.workload.PlannedRecord;
import dev.flashsale.sim.workload.RequestPlan;
import dev.flashsale.sim.workload.Workload;
import dev.flashsale.stack.Endpoints;
import dev.flashsale.stack.LocalStack;
import java.util.List;
import java.util.Objects;
import org.jooq.CloseableDSLContext;
import org.jooq.impl.DSL;

/** One ceiling measurement on a fresh, seeded database, with the same requests the strategies get. */
public final class CeilingRun {

    private CeilingRun() {}

    public static BenchSample measure(
            LocalStack stack,
            IsolatedSale sale,
            SaleSettings settings,
            BenchWorkload workload,
            int repeat,
            DatabaseCeiling.Transaction transaction) {
        Endpoints endpoints = stack.endpoints();
        String jdbcUrl = sale.freshDatabase(LocalStack.uniqueName(transaction.label()));
        Workload requests = settings.workload(transaction.label());
        List<PurchaseRequest> sequence = RequestPlan.generate(requests).stream()
                .map(PlannedRecord::request)
                .filter(Objects::nonNull)
                .toList();
        DatabaseCeiling.Result result = DatabaseCeiling.measure(
                jdbcUrl,
                endpoints.dbUser(),
                endpoints.dbPassword(),
                sequence,
                settings.totalConsumers(),
                transaction,
                new CpuMeter(jdbcUrl, endpoints.redisUrl(), List::of));
        // Only the item-level invariants apply: there is no Kafka side to compare with.
        Verification verification;
        try (CloseableDSLContext dsl = DSL.using(jdbcUrl, endpoints.dbUser(), endpoints.dbPassword())) {
            verification = new Verifier(dsl, Verifier.DEFAULT_MAX_OFFENDERS)
                    .verify(
                            Expectations.builder(requests.requestIdPrefix()).build(),
                            Observations.builder().build());
        }
        long broken = verification.result(Check.NO_OVERSELL).passed()
                ? verification.oversoldUnits()
                : Math.max(1, verification.oversoldUnits());
        return BenchSample.of(workload, repeat, result, broken);
    }
}
