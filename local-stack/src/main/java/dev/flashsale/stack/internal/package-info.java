/**
 * How the local stack starts its servers: one class per server kind ({@code EmbeddedKafkaBroker},
 * {@code EmbeddedPostgresServer}, {@code EmbeddedRedisServer}, {@code ContainerServers}), the
 * {@code StackLauncher} that picks a source per service, and small helpers. Not an API: it may change at any time.
 */
package dev.flashsale.stack.internal;
