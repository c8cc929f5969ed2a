package care.vitals.ingest.bench;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The broker's own command-line clients ({@code mosquitto_pub}), for load this JVM could
 * not offer: written in C, one process per device, they leave the benchmark's CPU to the
 * ingest.
 */
final class MosquittoCommands {

	private final String host;

	private final int port;

	MosquittoCommands(String brokerUrl) {
		String address = brokerUrl.replaceFirst("^tcp://", "");
		this.host = address.substring(0, address.lastIndexOf(':'));
		this.port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
	}

	String host() {
		return this.host;
	}

	int port() {
		return this.port;
	}

	/** {@code mosquitto_pub} or {@code mosquitto_sub} with this broker's address. */
	List<String> command(String client, String... arguments) {
		List<String> command = new ArrayList<>(List.of(client, "-h", this.host, "-p", Integer.toString(this.port)));
		command.addAll(List.of(arguments));
		return command;
	}

	/**
	 * Admits devices {@code <prefix>0} to {@code <prefix><count - 1>}, each to its own
	 * patient ({@code p-<device>}) in its own bed of {@code ward}, the way an ADT
	 * integration does (a retained assignment).
	 */
	void admit(String prefix, int count, String ward, Instant since) throws IOException, InterruptedException {
		List<Process> admissions = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String device = prefix + i;
			String assignment = "{\"patient\":\"p-" + device + "\",\"ward\":\"" + ward + "\",\"bed\":\"bed-" + i
					+ "\",\"since\":\"" + since + "\"}";
			admissions.add(new ProcessBuilder(
					command("mosquitto_pub", "-q", "1", "-r", "-t", "assignments/" + device, "-m", assignment))
				.redirectError(ProcessBuilder.Redirect.INHERIT)
				.start());
		}
		awaitAll(admissions, 120);
	}

	/** Waits for every publisher to end, each having published every message. */
	static void awaitAll(List<Process> publishers, int seconds) throws InterruptedException {
		for (Process publisher : publishers) {
			if (!publisher.waitFor(seconds, TimeUnit.SECONDS) || publisher.exitValue() != 0) {
				publisher.destroyForcibly();
				throw new IllegalStateException("a mosquitto_pub did not publish every message");
			}
		}
	}

	/** One compact-JSON message of six vitals, varying with {@code i}. */
	static StringBuilder appendMessage(StringBuilder text, Instant ts, long i) {
		return text.append("{\"ts\":\"")
			.append(ts)
			.append("\",\"seq\":")
			.append(i)
			.append(",\"values\":{\"heart_rate\":")
			.append(60 + i % 40)
			.append(",\"spo2\":")
			.append(94 + i % 6)
			.append(",\"resp_rate\":16,\"temperature\":36.8,\"systolic_bp\":121,\"diastolic_bp\":79}}\n");
	}

}
