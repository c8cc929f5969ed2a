package care.vitals.ingest.inbound;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import care.vitals.ingest.pipeline.Envelope;
import org.junit.jupiter.api.Test;

import org.springframework.integration.acks.SimpleAcknowledgment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Verifies that a message's evaluations add their lines after the stored ones, in order,
 * to an envelope whose lines nobody can change.
 */
class ReceivedTests {

	private static final SimpleAcknowledgment ACK = () -> {
	};

	private final Envelope stored = new Envelope(List.of("vitals spo2=97", "vitals spo2=96"), ACK, null, null);

	@Test
	void addsTheLinesOfEveryEvaluationAfterTheStoredOnesInOrder() {
		List<String> ran = new ArrayList<>();
		Received received = new Received(this.stored, List.of(evaluation(ran, "skew", List.of("alarm clock_skew")),
				evaluation(ran, "none", List.of()), evaluation(ran, "score", List.of("news2 total=5", "alarm news2"))));
		Envelope evaluated = received.evaluated();
		assertThat(ran).containsExactly("skew", "none", "score");
		assertThat(evaluated.lines()).containsExactly("vitals spo2=97", "vitals spo2=96", "alarm clock_skew",
				"news2 total=5", "alarm news2");
		assertThat(evaluated.ack()).isSameAs(ACK);
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> evaluated.lines().add("more"));
		assertThat(this.stored.lines()).containsExactly("vitals spo2=97", "vitals spo2=96");
	}

	@Test
	void handsOnTheStoredEnvelopeWhenTheEvaluationsAddNothing() {
		List<String> ran = new ArrayList<>();
		Received received = new Received(this.stored,
				List.of(evaluation(ran, "standby", List.of()), evaluation(ran, "unchanged", List.of())));
		assertThat(received.evaluated()).isSameAs(this.stored);
		assertThat(ran).containsExactly("standby", "unchanged");
		assertThat(Received.stored(this.stored).evaluated()).isSameAs(this.stored);
	}

	private static Supplier<List<String>> evaluation(List<String> ran, String name, List<String> lines) {
		return () -> {
			ran.add(name);
			return lines;
		};
	}

}
