package care.vitals.testsupport;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Verifies that the minimal JSON reader handles the shapes InfluxDB and VictoriaMetrics
 * return.
 */
class MiniJsonTests {

	@Test
	void parsesAnInfluxQlResult() {
		Object json = MiniJson.parse("""
				{"results":[{"statement_id":0,"series":[{"name":"vitals","columns":["time","count"],
				"values":[["1970-01-01T00:00:00Z",3]]}]}]}""");

		Map<?, ?> result = (Map<?, ?>) ((List<?>) ((Map<?, ?>) json).get("results")).get(0);
		assertThat(result.get("statement_id")).isEqualTo(0L);
		assertThat(((Map<?, ?>) ((List<?>) result.get("series")).get(0)).get("values"))
			.isEqualTo(List.of(List.of("1970-01-01T00:00:00Z", 3L)));
	}

	@Test
	void parsesScalarsAndEscapes() {
		assertThat(MiniJson.parse(" [1.5e2, -2, true, false, null, \"a\\\"b\\u00e9\\n\", {}, []] "))
			.isEqualTo(java.util.Arrays.asList(150.0, -2L, true, false, null, "a\"bé\n", Map.of(), List.of()));
	}

	@Test
	void rejectsInvalidJson() {
		assertThatIllegalArgumentException().isThrownBy(() -> MiniJson.parse("{\"a\":1"));
		assertThatIllegalArgumentException().isThrownBy(() -> MiniJson.parse("[1] x"));
		assertThatIllegalArgumentException().isThrownBy(() -> MiniJson.parse("{\"a\":tru}"));
	}

}
