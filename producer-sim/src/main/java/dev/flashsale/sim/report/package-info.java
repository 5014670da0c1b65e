/** The run report: numbers ({@link dev.flashsale.sim.report.RunReport}), the printed table and the JSON file. */
package dev.flashsale.sim.report;
