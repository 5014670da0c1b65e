/**
 * The command-line plumbing the worker, the simulator, the demo, the benchmark and the chaos command share: one
 * duration syntax, one set of Kafka, topic and database options with their {@code FLASHSALE_*} variables, one reader
 * of properties files. Below every command's module, above only the event contracts.
 */
package dev.flashsale.cli;
