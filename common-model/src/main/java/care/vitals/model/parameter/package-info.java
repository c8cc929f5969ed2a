/**
 * The parameter catalogue: names, units and conversions, LOINC codes, plausible ranges.
 */
package care.vitals.model.parameter;
