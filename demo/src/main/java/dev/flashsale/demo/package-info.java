/**
 * The one-command demo ({@link dev.flashsale.demo.DemoCommand}) and the benchmark ({@link
 * dev.flashsale.demo.BenchCommand}): the same flash sale under every strategy, on real servers, side by side.
 */
package dev.flashsale.demo;
