/** The progress line shown while a run is in progress: rewritten in place on a terminal, periodic otherwise. */
package dev.flashsale.sim.progress;
