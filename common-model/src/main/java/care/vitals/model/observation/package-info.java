/**
 * What staff observe and enter: ACVPU, supplemental oxygen, manual vital signs, with the
 * time of observation and the observer; kept retained per patient.
 */
package care.vitals.model.observation;
