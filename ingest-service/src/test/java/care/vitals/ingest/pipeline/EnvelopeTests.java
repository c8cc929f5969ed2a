package care.vitals.ingest.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.integration.acks.SimpleAcknowledgment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Verifies that an envelope's lines cannot change once it is built, whether it copied
 * them or took the list over.
 */
class EnvelopeTests {

	private static final SimpleAcknowledgment ACK = () -> {
	};

	private static final DeadLetter DEAD_LETTER = new DeadLetter("invalid_json", "detail", "t", new byte[0]);

	private static final Instant DEVICE_TIME = Instant.parse("2026-12-06T01:00:00Z");

	@Test
	void copiesTheLinesItIsGiven() {
		List<String> lines = new ArrayList<>(List.of("a v=1"));
		Envelope envelope = new Envelope(lines, ACK, null, null);
		lines.add("b v=2");
		assertThat(envelope.lines()).containsExactly("a v=1");
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> envelope.lines().add("c v=3"));
	}

	@Test
	void takesOverALineListWithoutLettingAnyoneChangeIt() {
		Envelope envelope = Envelope.owning(new ArrayList<>(List.of("a v=1", "b v=2")), ACK, DEAD_LETTER, DEVICE_TIME);
		assertThat(envelope.lines()).containsExactly("a v=1", "b v=2");
		assertThat(envelope).isEqualTo(new Envelope(List.of("a v=1", "b v=2"), ACK, DEAD_LETTER, DEVICE_TIME));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> envelope.lines().add("c v=3"));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> envelope.lines().set(0, "c v=3"));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> envelope.lines().clear());
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> envelope.lines().removeIf((line) -> true));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> envelope.lines().sort(null));
		assertThat(envelope.lines()).containsExactly("a v=1", "b v=2");
	}

	@Test
	void keepsItsAcknowledgmentDeadLetterAndDeviceTimeWithOtherLines() {
		Envelope envelope = new Envelope(List.of("a v=1"), ACK, DEAD_LETTER, DEVICE_TIME);
		Envelope more = envelope.withLines(new ArrayList<>(List.of("a v=1", "news2 total=3")));
		assertThat(more.lines()).containsExactly("a v=1", "news2 total=3");
		assertThat(more.ack()).isSameAs(ACK);
		assertThat(more.deadLetter()).isSameAs(DEAD_LETTER);
		assertThat(more.deviceTime()).isEqualTo(DEVICE_TIME);
		assertThat(envelope.lines()).containsExactly("a v=1");
	}

	@Test
	void refusesANullLineLikeTheCopy() {
		List<String> lines = Arrays.asList("a v=1", null);
		assertThatNullPointerException().isThrownBy(() -> new Envelope(lines, ACK, null, null));
		assertThatNullPointerException().isThrownBy(() -> Envelope.owning(lines, ACK, null, null));
	}

}
