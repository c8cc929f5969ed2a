package care.vitals.model.codec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies that every payload example in docs/contracts.md (each JSON block after an
 * {@code <!-- example: kind -->} marker) decodes with the codec a device or display would
 * meet, so the published contract cannot drift from the code.
 */
class ContractExamplesTests {

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
				case "status" -> new DeviceStatusCodec(DecodeLimits.defaults()).decode(Fixtures.DEVICE, payload);
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
		}
		assertThat(kinds).contains("measurement", "status", "event", "assignment", "settings", "observations",
				"alarms");
	}

}
