/** The benchmark's workloads, the database ceiling measured over plain JDBC, medians and the raw CSV. */
package dev.flashsale.demo.bench;
