/**
 * What a run sends: the {@link dev.flashsale.sim.workload.Workload} (sizes, popularity, key, quantity, invalid share,
 * seed) and the deterministic {@link dev.flashsale.sim.workload.RequestPlan} that turns it into records.
 */
package dev.flashsale.sim.workload;
