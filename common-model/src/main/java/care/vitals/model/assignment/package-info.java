/**
 * Device-to-patient assignments (admit, transfer, discharge).
 */
package care.vitals.model.assignment;
