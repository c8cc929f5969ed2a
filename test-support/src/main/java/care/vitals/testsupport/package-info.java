/**
 * Real-server test harness: Mosquitto, InfluxDB 1.x and VictoriaMetrics as processes.
 */
package care.vitals.testsupport;
