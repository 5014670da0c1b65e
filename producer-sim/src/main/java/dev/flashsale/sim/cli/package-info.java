/** The subcommands of {@link dev.flashsale.sim.SimCommand} and their shared options. */
package dev.flashsale.sim.cli;
