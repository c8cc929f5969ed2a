/**
 * Real-server test harness: Mosquitto, InfluxDB 1.x and VictoriaMetrics as processes on
 * free ports with data in temp dirs.
 * <p>
 * Usage: <pre class="code">
 * &#64;RegisterExtension
 * static final MosquittoServer mosquitto = MosquittoServer.create();
 *
 * &#64;RegisterExtension
 * static final InfluxDb1Server influx = InfluxDb1Server.create();
 * </pre> then {@code mosquitto.url()}, {@code influx.url()}, and for fault tests
 * {@code stop()}, {@code kill()}, {@code start()}, {@code restart()} (same port, same
 * data). Binaries come from the Debian packages {@code mosquitto}, {@code influxdb} and
 * {@code victoria-metrics}; see {@link care.vitals.testsupport.ServerBinaries}.
 */
package care.vitals.testsupport;
