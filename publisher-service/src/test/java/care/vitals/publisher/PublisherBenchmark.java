package care.vitals.publisher;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import care.vitals.testsupport.MosquittoServer;

/**
 * The benchmark behind docs/benchmarks.md ("Publisher"). Not a test: its name matches
 * neither the unit nor the integration test pattern, so the build never runs it; run it
 * on demand with {@code bench/publisher.sh}. Starts the packaged publisher (-Xmx512m) and
 * a Mosquitto, runs each phase through the REST API and prints one Markdown table row per
 * phase: the publisher process's CPU, resident memory and threads from {@code /proc}, and
 * the rate the API reports.
 */
class PublisherBenchmark {

	@RegisterExtension
	static final MosquittoServer mosquitto = MosquittoServer.create();

	private static final Pattern NUMBER = Pattern.compile("\"%s\":([0-9.]+)");

	@Test
	void benchmark() throws Exception {
		try (PublisherProcess publisher = PublisherProcess.start(mosquitto.url(), "-Xmx512m")) {
			System.out.println("| phase | devices / connections | target msg/s | achieved msg/s (API) | connect s |"
					+ " publisher CPU cores | publisher RSS MiB | threads | mosquitto CPU cores |");
			Thread.sleep(3000);
			row("idle (no simulation)", "0 / 1", 0, 0, 0, measure(publisher, 5));
			phase(publisher, "realistic, monitors, 1 Hz, QoS 1", "{\"id\":\"r\",\"patients\":2000,\"rate\":1,"
					+ "\"qos\":1,\"seed\":1,\"artefactRate\":0,\"admit\":false}", 2000, 30);
			phase(publisher, "load, QoS 0", "{\"id\":\"l0\",\"mode\":\"LOAD\",\"patients\":10000,\"rate\":5,"
					+ "\"qos\":0,\"seed\":1,\"connections\":4,\"admit\":false}", 4, 15);
			phase(publisher, "load, QoS 1", "{\"id\":\"l1\",\"mode\":\"LOAD\",\"patients\":10000,\"rate\":5,"
					+ "\"qos\":1,\"seed\":1,\"connections\":4,\"admit\":false}", 4, 15);
			phase(publisher, "load, QoS 0, 100k msg/s", "{\"id\":\"l2\",\"mode\":\"LOAD\",\"patients\":20000,"
					+ "\"rate\":5,\"qos\":0,\"seed\":1,\"connections\":8,\"admit\":false}", 8, 15);
		}
	}

	private void phase(PublisherProcess publisher, String name, String request, int connections, int seconds)
			throws Exception {
		String id = value(request, "id");
		long start = System.nanoTime();
		HttpResponse<String> created = publisher.post("/api/simulations", request);
		if (created.statusCode() != 201) {
			throw new IllegalStateException(created.body());
		}
		double target = number(created.body(), "targetRate");
		String body = created.body();
		while (number(body, "connectionsUp") < connections && System.nanoTime() - start < 120e9) {
			Thread.sleep(200);
			body = publisher.get("/api/simulations/" + id, true).body();
		}
		double connect = (System.nanoTime() - start) / 1e9;
		Thread.sleep(5000);
		double[] usage = measure(publisher, seconds);
		double achieved = number(publisher.get("/api/simulations/" + id, true).body(), "averageRate");
		row(name, (int) number(created.body(), "devices") + " / " + connections, target, achieved, connect, usage);
		long stopStart = System.nanoTime();
		publisher.delete("/api/simulations/" + id);
		System.out.printf("(stop of %s took %.1f s)%n", id, (System.nanoTime() - stopStart) / 1e9);
		Thread.sleep(10_000);
	}

	private double[] measure(PublisherProcess publisher, int seconds) throws InterruptedException {
		ProcessMetrics before = ProcessMetrics.of(publisher.pid());
		ProcessMetrics brokerBefore = ProcessMetrics.of(mosquitto.pid());
		long start = System.nanoTime();
		Thread.sleep(seconds * 1000L);
		double elapsed = (System.nanoTime() - start) / 1e9;
		ProcessMetrics after = ProcessMetrics.of(publisher.pid());
		ProcessMetrics brokerAfter = ProcessMetrics.of(mosquitto.pid());
		return new double[] { (after.cpuSeconds() - before.cpuSeconds()) / elapsed, after.rssBytes() >> 20,
				after.threads(), (brokerAfter.cpuSeconds() - brokerBefore.cpuSeconds()) / elapsed };
	}

	private static void row(String name, String devices, double target, double achieved, double connect,
			double[] usage) {
		System.out.printf("| %s | %s | %,.0f | %,.0f | %.1f | %.2f | %.0f | %.0f | %.2f |%n", name, devices, target,
				achieved, connect, usage[0], usage[1], usage[2], usage[3]);
	}

	private static double number(String json, String field) {
		Matcher matcher = Pattern.compile(String.format(NUMBER.pattern(), field)).matcher(json);
		return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
	}

	private static String value(String json, String field) {
		Matcher matcher = Pattern.compile("\"" + field + "\":\"([^\"]+)\"").matcher(json);
		return matcher.find() ? matcher.group(1) : "";
	}

}
