/**
 * The alarm burden benchmark: a simulated ward (the publisher's physiology, artefacts and
 * device models) run through the ingest's clinical engine on a simulated clock, with
 * every alarm judged against the simulator's ground truth (docs/benchmarks.md, "Alarm
 * burden").
 */
package care.vitals.burden;
