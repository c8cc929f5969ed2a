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
 * The "drain" phase of issue #16: {@value #MESSAGES} compact-JSON messages (6 vitals)
 * fired at QoS 1 by {@value #PUBLISHERS} {@code mosquitto_pub} processes as fast as the
 * broker takes them, timed until all are received. First a plain C subscriber
 * ({@code mosquitto_sub -q 1}) on a topic the ingest does not consume, as the reference
 * of what the broker delivers on this machine; then the same messages on the devices'
 * measurement topics, timed until all are counted in InfluxDB. Each publisher is one
 * device, admitted to its own patient beforehand, so every reading is also scored.
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
	 * Seconds until a plain subscriber has received every message.
	 */
	double reference() throws IOException, InterruptedException {
		List<Path> files = payloads(Instant.now().minusSeconds(30));
		Process subscriber = new ProcessBuilder("mosquitto_sub", "-h", this.host, "-p", Integer.toString(this.port),
				"-q", "1", "-t", "drain-reference/+/measurements", "-C", Integer.toString(MESSAGES))
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		Thread.sleep(1000);
		long start = System.nanoTime();
		List<Process> publishers = publish(files, "drain-reference/%s/measurements");
		if (!subscriber.waitFor(600, TimeUnit.SECONDS)) {
			subscriber.destroyForcibly();
			throw new IllegalStateException("mosquitto_sub did not receive every message within 10 minutes");
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		awaitAll(publishers);
		return seconds;
	}

	/**
	 * Seconds until {@code stored} has grown by every message published to the devices'
	 * measurement topics.
	 * @param stored points counted in InfluxDB now
	 */
	double ingest(LongSupplier stored) throws IOException, InterruptedException {
		List<Path> files = payloads(Instant.now().minusSeconds(30));
		long before = stored.getAsLong();
		long start = System.nanoTime();
		List<Process> publishers = publish(files, "devices/%s/measurements");
		long deadline = start + TimeUnit.MINUTES.toNanos(10);
		while (stored.getAsLong() < before + MESSAGES) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("the ingest did not store every message within 10 minutes");
			}
			Thread.sleep(100);
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		awaitAll(publishers);
		return seconds;
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
			if (!publisher.waitFor(60, TimeUnit.SECONDS) || publisher.exitValue() != 0) {
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
