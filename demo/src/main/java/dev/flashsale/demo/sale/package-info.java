/**
 * Running one sale under one strategy in isolation (its own topics, consumer group, database and lock keys, its own
 * in-process workers) and comparing the runs.
 */
package dev.flashsale.demo.sale;
