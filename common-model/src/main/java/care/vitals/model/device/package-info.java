/**
 * Device status (retained, Last Will) and technical device events.
 */
package care.vitals.model.device;
