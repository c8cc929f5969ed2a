/**
 * Readings: values a device measured at one instant, with NEWS2 flags.
 */
package care.vitals.model.reading;
