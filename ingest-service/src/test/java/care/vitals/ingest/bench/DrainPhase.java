package care.vitals.ingest.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The "drain" phase of issue #16: a burst of {@value #MESSAGES} compact-JSON messages (6
 * vitals) published at QoS 1 by {@value #PUBLISHERS} {@code mosquitto_pub} processes
 * while the subscriber is away, so the broker queues it in the subscriber's persistent
 * session; then the time to take the whole backlog once the subscriber is back. First a
 * plain C subscriber ({@code mosquitto_sub -q 1 -c}) on a topic the ingest does not
 * consume, as the reference of what the broker delivers on this machine; then the ingest
 * on the devices' measurement topics, timed from its subscription until InfluxDB counts
 * every message. (Timing the publishers' burst itself measured {@code mosquitto_pub}: at
 * QoS 1 it sends about 3,000 msg/s each here.) Each publisher is one device, admitted to
 * its own patient beforehand, so every reading is also scored.
 */
final class DrainPhase {

	static final int MESSAGES = 200_000;

	static final int PUBLISHERS = 8;

	private final String host;

	private final int port;

	private final Path work;

	DrainPhase(String brokerUrl, Path work) {
		String address = brokerUrl.replaceFirst("^tcp://", "");
		this.host = address.substring(0, address.lastIndexOf(':'));
		this.port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
		this.work = work;
	}

	static String deviceId(int publisher) {
		return "drain-" + publisher;
	}

	/**
	 * Admits each publisher's device to its own patient, the way an ADT integration does
	 * (a retained assignment).
	 */
	void admit(Instant since) throws IOException, InterruptedException {
		List<Process> admissions = new ArrayList<>();
		for (int i = 0; i < PUBLISHERS; i++) {
			String assignment = "{\"patient\":\"p-drain-" + i + "\",\"ward\":\"ward-drain\",\"bed\":\"bed-" + i
					+ "\",\"since\":\"" + since + "\"}";
			admissions.add(new ProcessBuilder("mosquitto_pub", "-h", this.host, "-p", Integer.toString(this.port), "-q",
					"1", "-r", "-t", "assignments/" + deviceId(i), "-m", assignment)
				.redirectError(ProcessBuilder.Redirect.INHERIT)
				.start());
		}
		awaitAll(admissions);
	}

	/**
	 * Seconds a plain subscriber takes to receive the whole burst from its persistent
	 * session once it connects (the burst queued at the broker while it was away).
	 */
	double reference() throws IOException, InterruptedException {
		Process session = subscriber(1);
		Thread.sleep(1000);
		session.destroy();
		session.waitFor(10, TimeUnit.SECONDS);
		queue("drain-reference/%s/measurements");
		long start = System.nanoTime();
		Process subscriber = subscriber(MESSAGES);
		if (!subscriber.waitFor(600, TimeUnit.SECONDS)) {
			subscriber.destroyForcibly();
			throw new IllegalStateException("mosquitto_sub did not receive every message within 10 minutes");
		}
		return (System.nanoTime() - start) / 1e9;
	}

	private Process subscriber(int count) throws IOException {
		return new ProcessBuilder("mosquitto_sub", "-h", this.host, "-p", Integer.toString(this.port), "-q", "1", "-c",
				"-i", "drain-reference", "-t", "drain-reference/+/measurements", "-C", Integer.toString(count))
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
	}

	/**
	 * Publishes the burst to the devices' measurement topics while the ingest is away
	 * (its persistent session queues it at the broker).
	 */
	void queueForIngest() throws IOException, InterruptedException {
		queue("devices/%s/measurements");
	}

	/**
	 * Seconds until {@code stored} has grown by the whole burst, from the moment the
	 * ingest is subscribed again.
	 * @param before points counted in InfluxDB before the burst
	 * @param stored points counted in InfluxDB now
	 */
	static double drained(long before, LongSupplier stored) throws InterruptedException {
		long start = System.nanoTime();
		long deadline = start + TimeUnit.MINUTES.toNanos(10);
		while (stored.getAsLong() < before + MESSAGES) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("the ingest did not store every message within 10 minutes");
			}
			Thread.sleep(50);
		}
		return (System.nanoTime() - start) / 1e9;
	}

	private void queue(String topic) throws IOException, InterruptedException {
		awaitAll(publish(payloads(Instant.now().minusSeconds(30)), topic));
	}

	private List<Process> publish(List<Path> files, String topic) throws IOException {
		List<Process> publishers = new ArrayList<>();
		for (int i = 0; i < files.size(); i++) {
			publishers.add(new ProcessBuilder("mosquitto_pub", "-h", this.host, "-p", Integer.toString(this.port), "-q",
					"1", "-l", "-t", topic.formatted(deviceId(i)))
				.redirectInput(files.get(i).toFile())
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.redirectError(ProcessBuilder.Redirect.INHERIT)
				.start());
		}
		return publishers;
	}

	private static void awaitAll(List<Process> publishers) throws InterruptedException {
		for (Process publisher : publishers) {
			if (!publisher.waitFor(120, TimeUnit.SECONDS) || publisher.exitValue() != 0) {
				throw new IllegalStateException("a mosquitto_pub did not publish every message");
			}
		}
	}

	/**
	 * One file per publisher, one message per line; device time 1 ms apart from
	 * {@code from}, so that every message is its own point.
	 */
	private List<Path> payloads(Instant from) throws IOException {
		List<Path> files = new ArrayList<>();
		int each = MESSAGES / PUBLISHERS;
		for (int p = 0; p < PUBLISHERS; p++) {
			StringBuilder text = new StringBuilder(each * 170);
			for (int i = 0; i < each; i++) {
				text.append("{\"ts\":\"")
					.append(from.plusMillis(i))
					.append("\",\"seq\":")
					.append(i)
					.append(",\"values\":{\"heart_rate\":")
					.append(60 + i % 40)
					.append(",\"spo2\":")
					.append(94 + i % 6)
					.append(",\"resp_rate\":16,\"temperature\":36.8,\"systolic_bp\":121,\"diastolic_bp\":79}}\n");
			}
			Path file = this.work.resolve("drain-" + p + ".jsonl");
			Files.writeString(file, text, StandardCharsets.UTF_8);
			files.add(file);
		}
		return files;
	}

}
