package care.vitals.model.codec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import care.vitals.model.rejection.Rejection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies that every payload example in docs/contracts.md (each JSON block after an
 * {@code <!-- example: kind -->} marker) decodes with the codec a device or display would
 * meet, so the published contract cannot drift from the code.
 */
class ContractExamplesTests {

	private static final Pattern REJECTED = Pattern.compile("<!-- rejected: (\\w+) (\\w+) -->\\s*```json\\n(.*?)```",
			Pattern.DOTALL);

	private static final Pattern EXAMPLE = Pattern.compile("<!-- example: (\\w+) -->\\s*```json\\n(.*?)```",
			Pattern.DOTALL);

	@Test
	void everyExampleInTheContractDecodes() throws IOException {
		String page = Files.readString(Path.of("..", "docs", "contracts.md"));
		Matcher matcher = EXAMPLE.matcher(page);
		List<String> kinds = new ArrayList<>();
		while (matcher.find()) {
			String kind = matcher.group(1);
			byte[] payload = matcher.group(2).getBytes(StandardCharsets.UTF_8);
			kinds.add(kind);
			Object result = switch (kind) {
				case "measurement" -> Fixtures.decoder().decode(Fixtures.DEVICE, payload, null, Fixtures.NOW);
				case "status" ->
					new DeviceStatusCodec(DecodeLimits.defaults(), Fixtures.CLOCK).decode(Fixtures.DEVICE, payload);
				case "event" -> new DeviceEventCodec(DecodeLimits.defaults(), Fixtures.CLOCK).decode(Fixtures.DEVICE,
						payload, Fixtures.NOW);
				case "assignment" -> new AssignmentCodec(DecodeLimits.defaults()).decode(payload);
				case "alarms" -> new AlarmListCodec(DecodeLimits.defaults()).decode(payload);
				case "settings" -> new PatientSettingsCodec(DecodeLimits.defaults()).decode("p-1042", payload);
				case "observations" -> new PatientObservationsCodec(DecodeLimits.defaults()).decode("p-1042", payload);
				default -> throw new AssertionError("unknown example kind " + kind);
			};
			assertThat(result).as(kind + " example:\n" + matcher.group(2))
				.isInstanceOfAny(Decoded.class, Outcome.Ok.class);
			if (result instanceof Decoded decoded) {
				assertThat(decoded.rejectedValues()).as(kind + " example:\n" + matcher.group(2)).isEmpty();
			}
			if (result instanceof Outcome.Ok<?> ok) {
				assertThat(ok.rejectedParts()).as(kind + " example:\n" + matcher.group(2)).isEmpty();
			}
		}
		assertThat(kinds).contains("measurement", "status", "event", "assignment", "settings", "observations",
				"alarms");
	}

	/**
	 * Verifies that every counter-example (an {@code <!-- rejected: kind reason -->}
	 * marker) is rejected with the reason the page gives.
	 */
	@Test
	void everyCounterExampleInTheContractIsRejectedWithItsReason() throws IOException {
		String page = Files.readString(Path.of("..", "docs", "contracts.md"));
		Matcher matcher = REJECTED.matcher(page);
		List<String> reasons = new ArrayList<>();
		while (matcher.find()) {
			String kind = matcher.group(1);
			byte[] payload = matcher.group(3).getBytes(StandardCharsets.UTF_8);
			Object result = switch (kind) {
				case "measurement" -> Fixtures.decoder().decode(Fixtures.DEVICE, payload, null, Fixtures.NOW);
				case "event" -> new DeviceEventCodec(DecodeLimits.defaults(), Fixtures.CLOCK).decode(Fixtures.DEVICE,
						payload, Fixtures.NOW);
				default -> throw new AssertionError("unknown counter-example kind " + kind);
			};
			Rejection rejection = (result instanceof Rejected rejected) ? rejected.rejection()
					: Fixtures.failed((Outcome<?>) result);
			assertThat(rejection.reason().code()).as(kind + " counter-example:\n" + matcher.group(3))
				.isEqualTo(matcher.group(2));
			reasons.add(matcher.group(2));
		}
		assertThat(reasons).contains("missing_device_time", "unknown_event_kind");
	}

}
