/**
 * Testcontainers variants of the compose stack (EMQX, InfluxDB 2.7, Grafana, Telegraf)
 * for Docker hosts; tests using them are {@code disabledWithoutDocker}.
 */
package care.vitals.testsupport.containers;
