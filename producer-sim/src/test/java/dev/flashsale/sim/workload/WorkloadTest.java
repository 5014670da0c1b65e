package dev.flashsale.sim.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WorkloadTest {

    static Workload workload(String runId, int requests, int users, double invalidShare) {
        return new Workload(
                runId,
                1,
                requests,
                users,
                new ItemCatalog("sku", 5),
                new Popularity.Uniform(),
                KeyMode.ITEM,
                QuantityRange.fixed(1),
                invalidShare);
    }

    @Test
    void requestIdsCarryTheRunId() {
        Workload workload = workload("run-a", 10, 3, 0);
        assertThat(workload.requestId(7)).isEqualTo("run-a-7");
        assertThat(workload.requestId(7)).startsWith(workload.requestIdPrefix());
    }

    @Test
    void theDefaultRunIdDependsOnTheSeedOnly() {
        assertThat(Workload.defaultRunId(42))
                .isEqualTo(Workload.defaultRunId(42))
                .isEqualTo("run-16");
        assertThat(Workload.defaultRunId(-1)).isEqualTo("run-3w5e11264sgsf");
    }

    @Test
    void rejectsBadValuesNamingTheField() {
        assertThatThrownBy(() -> workload("has space", 1, 1, 0)).hasMessageContaining("runId must be");
        assertThatThrownBy(() -> workload("x".repeat(65), 1, 1, 0)).hasMessageContaining("runId must be");
        assertThatThrownBy(() -> workload("r", 0, 1, 0)).hasMessageContaining("requests must be between 1 and");
        assertThatThrownBy(() -> workload("r", 1, 0, 0)).hasMessageContaining("users must be between 1 and");
        assertThatThrownBy(() -> workload("r", 1, 1, 1.5))
                .hasMessageContaining("invalidShare must be between 0 and 1, got 1.5");
        assertThatThrownBy(() -> new ItemCatalog("sku", 0)).hasMessageContaining("items must be between 1 and");
        assertThatThrownBy(() -> new ItemCatalog("bad prefix", 1)).hasMessageContaining("skuPrefix must be");
    }

    @Test
    void itemIdsCountFromOne() {
        ItemCatalog catalog = new ItemCatalog("sku", 3);
        assertThat(catalog.itemId(0)).isEqualTo("sku-1");
        assertThat(catalog.itemId(2)).isEqualTo("sku-3");
        assertThatThrownBy(() -> catalog.itemId(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
