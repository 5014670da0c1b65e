package dev.flashsale.sim.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.schema.event.DecodeError;
import dev.flashsale.schema.event.Decoded;
import dev.flashsale.schema.event.EventCodec;
import dev.flashsale.schema.event.PurchaseRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RequestPlanTest {

    private static final EventCodec CODEC = new EventCodec();

    private static Workload workload(long seed, KeyMode keyMode, double invalidShare, QuantityRange quantity) {
        return new Workload(
                "r1",
                seed,
                5_000,
                300,
                new ItemCatalog("sku", 20),
                new Popularity.Zipf(1.0),
                keyMode,
                quantity,
                invalidShare);
    }

    @Test
    void theSameSeedSendsExactlyTheSameRecords() {
        List<PlannedRecord> first = RequestPlan.generate(workload(42, KeyMode.USER, 0.05, QuantityRange.parse("1-3")));
        List<PlannedRecord> second = RequestPlan.generate(workload(42, KeyMode.USER, 0.05, QuantityRange.parse("1-3")));
        assertThat(first).hasSize(5_000);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i).value())
                    .as("value of record %d", i)
                    .isEqualTo(first.get(i).value());
            assertThat(second.get(i).key())
                    .as("key of record %d", i)
                    .isEqualTo(first.get(i).key());
            assertThat(second.get(i).requestId()).isEqualTo(first.get(i).requestId());
        }
    }

    @Test
    void anotherSeedSendsOtherRecords() {
        List<PlannedRecord> first = RequestPlan.generate(workload(1, KeyMode.USER, 0, QuantityRange.fixed(1)));
        List<PlannedRecord> second = RequestPlan.generate(workload(2, KeyMode.USER, 0, QuantityRange.fixed(1)));
        long same = java.util.stream.IntStream.range(0, first.size())
                .filter(i -> first.get(i).request().equals(second.get(i).request()))
                .count();
        assertThat(same).as("requests that happen to coincide").isLessThan(first.size() / 10);
    }

    @Test
    void theItemSequenceDoesNotDependOnTheQuantityRange() {
        List<PlannedRecord> ones = RequestPlan.generate(workload(5, KeyMode.ITEM, 0, QuantityRange.fixed(1)));
        List<PlannedRecord> ranged = RequestPlan.generate(workload(5, KeyMode.ITEM, 0, QuantityRange.parse("1-4")));
        for (int i = 0; i < ones.size(); i++) {
            assertThat(ranged.get(i).request().itemId())
                    .isEqualTo(ones.get(i).request().itemId());
            assertThat(ranged.get(i).request().userId())
                    .isEqualTo(ones.get(i).request().userId());
        }
    }

    @Test
    void everyValidRecordDecodesToItsRequestWithAUniqueId() {
        List<PlannedRecord> plan = RequestPlan.generate(workload(3, KeyMode.ITEM, 0, QuantityRange.parse("1-3")));
        Set<String> ids = plan.stream().map(PlannedRecord::requestId).collect(Collectors.toSet());
        assertThat(ids).as("distinct request ids").hasSize(plan.size());
        for (PlannedRecord record : plan) {
            Decoded<PurchaseRequest> decoded = CODEC.decodeRequest(record.value());
            assertThat(decoded).isEqualTo(new Decoded.Ok<>(record.request()));
            assertThat(record.requestId()).isEqualTo("r1-" + record.seq());
            assertThat(record.request().quantity()).isBetween(1, 3);
        }
    }

    @Test
    void zipfMakesTheFirstItemTheMostPopular() {
        Map<String, Long> perItem = RequestPlan.generate(workload(11, KeyMode.ITEM, 0, QuantityRange.fixed(1))).stream()
                .collect(Collectors.groupingBy(r -> r.request().itemId(), Collectors.counting()));
        assertThat(perItem.get("sku-1")).isGreaterThan(perItem.get("sku-2")).isGreaterThan(perItem.get("sku-20"));
    }

    @ParameterizedTest
    @EnumSource(KeyMode.class)
    void theKeyIsWhatTheModeSays(KeyMode mode) {
        for (PlannedRecord record : RequestPlan.generate(workload(4, mode, 0, QuantityRange.fixed(1)))) {
            String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            switch (mode) {
                case ITEM -> assertThat(key).isEqualTo(record.request().itemId());
                case USER -> assertThat(key).isEqualTo(record.request().userId());
                case NONE -> assertThat(key).isNull();
            }
        }
    }

    @Test
    void theInvalidShareIsMixedInWithEveryKindOfDamage() {
        List<PlannedRecord> plan = RequestPlan.generate(workload(8, KeyMode.USER, 0.05, QuantityRange.fixed(1)));
        List<PlannedRecord> invalid = plan.stream().filter(r -> !r.valid()).toList();
        assertThat(invalid.size()).as("about 5% of 5,000").isBetween(180, 320);
        assertThat(invalid.stream().map(PlannedRecord::corruption).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(Corruption.values());
        assertThat(invalid).allSatisfy(r -> assertThat(r.request()).isNull());
    }

    @ParameterizedTest
    @EnumSource(Corruption.class)
    void eachKindOfDamageIsReadableOrNotAsItSays(Corruption corruption) {
        byte[] value = corruption.value("r1-9", "user-1", "sku-1", 1);
        Decoded<PurchaseRequest> decoded = CODEC.decodeRequest(value);
        assertThat(decoded).as("the worker must not accept it").isInstanceOf(Decoded.Invalid.class);
        DecodeError error = ((Decoded.Invalid<PurchaseRequest>) decoded).error();
        assertThat(error.requestId())
                .as("request id readable by the worker")
                .isEqualTo(corruption.readableId() ? "r1-9" : null);
        assertThat(RequestPlan.readableId(value)).isEqualTo(error.requestId());
    }

    @Test
    void invalidRecordsExpectAResultExactlyWhenTheirIdIsReadable() {
        Map<Corruption, List<PlannedRecord>> byKind =
                RequestPlan.generate(workload(8, KeyMode.USER, 0.2, QuantityRange.fixed(1))).stream()
                        .filter(r -> !r.valid())
                        .collect(Collectors.groupingBy(PlannedRecord::corruption));
        byKind.forEach((kind, records) -> assertThat(records)
                .allSatisfy(r -> assertThat(r.expectsResult()).isEqualTo(kind.readableId())));
        assertThat(byKind.keySet().stream().collect(Collectors.toMap(Function.identity(), k -> true)))
                .hasSize(Corruption.values().length);
    }
}
