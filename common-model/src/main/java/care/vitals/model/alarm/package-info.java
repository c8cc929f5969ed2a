/**
 * Alarms: priority, lifecycle state and the alarm record; the documented risk table
 * ({@link care.vitals.model.alarm.AlarmRules}) and the pure, event-driven
 * {@link care.vitals.model.alarm.AlarmEngine} that turns readings, device events, device
 * status and NEWS2 scores into alarm transitions.
 */
package care.vitals.model.alarm;
