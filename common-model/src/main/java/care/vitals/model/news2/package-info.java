/**
 * NEWS2 (Royal College of Physicians, 2017): sub-scores per parameter, total, risk band
 * and clinical response, and a per-patient window of the latest values that scores at a
 * given instant with freshness windows, reporting partial scores as partial.
 * <p>
 * Everything here is pure and deterministic: no clock, no I/O; every time comes from the
 * caller.
 */
package care.vitals.model.news2;
