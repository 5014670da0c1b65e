/**
 * The worker's vocabulary, below everything else in it: what a decision is, the purchase rule every strategy applies,
 * and the two kinds of infrastructure failure the consume loop sorts on. Depends on nothing but the event contracts.
 */
package dev.flashsale.worker.model;
