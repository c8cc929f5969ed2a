/**
 * Alarms: priority, lifecycle state and the alarm record.
 */
package care.vitals.model.alarm;
