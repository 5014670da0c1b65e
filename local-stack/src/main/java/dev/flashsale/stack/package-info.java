/**
 * Kafka, PostgreSQL and Redis for flashsale's tests and demo, behind one small API.
 *
 * <p>{@link dev.flashsale.stack.LocalStack} is the entry point; {@link dev.flashsale.stack.Endpoints} is what it hands
 * out, and {@link dev.flashsale.stack.FreePorts} picks loopback ports for anything else a run starts. Each server comes from the first source that applies: a {@code FLASHSALE_*} environment variable naming a
 * running server, otherwise an embedded server (default), otherwise a Testcontainers container when
 * {@code FLASHSALE_STACK=containers}. The machinery lives in {@code dev.flashsale.stack.internal} and is not part of
 * the API.
 */
package dev.flashsale.stack;
