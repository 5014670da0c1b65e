/**
 * The simulator's Kafka side: publishing requests, collecting results and dead letters while a run is in progress,
 * and reading a sale's topics back from the beginning for the standalone verifier.
 */
package dev.flashsale.sim.kafka;
