/**
 * The invariant checks: what was expected ({@link dev.flashsale.sim.verify.Expectations}), what came back ({@link
 * dev.flashsale.sim.verify.Observations}), a consistent database snapshot ({@link dev.flashsale.sim.verify.DatabaseState})
 * and the pure checks over the three ({@link dev.flashsale.sim.verify.InvariantChecks}).
 */
package dev.flashsale.sim.verify;
