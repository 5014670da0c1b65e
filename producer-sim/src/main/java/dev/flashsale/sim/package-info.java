/**
 * The simulator's public face: {@link dev.flashsale.sim.SimCommand} (the {@code seed}, {@code run} and {@code verify}
 * command line), and the three operations it is made of, usable as a library: {@link dev.flashsale.sim.Seeder} puts
 * items in the database, {@link dev.flashsale.sim.Simulation} publishes a workload and collects what comes back, and
 * {@link dev.flashsale.sim.Verifier} checks the design's invariants.
 */
package dev.flashsale.sim;
