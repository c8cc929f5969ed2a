/**
 * Per-patient clinical settings decided by clinicians: the prescribed SpO2 scale and
 * alarm threshold overrides, kept retained on the broker so that they survive restarts.
 */
package care.vitals.model.settings;
