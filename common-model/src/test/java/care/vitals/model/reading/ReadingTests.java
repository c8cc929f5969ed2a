package care.vitals.model.reading;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import care.vitals.model.parameter.Parameter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadingTests {

	private static final Instant TS = Instant.parse("2026-11-27T18:00:00.123Z");

	@Test
	void keepsValuesInInsertionOrderAndUnmodifiable() {
		Map<Parameter, Double> values = new LinkedHashMap<>();
		values.put(Parameter.SPO2, 97.0);
		values.put(Parameter.HEART_RATE, 72.0);
		values.put(Parameter.TEMPERATURE, 36.8);
		Reading reading = Reading.of("mon-7", TS, values);
		values.clear();
		assertThat(reading.values().keySet()).containsExactly(Parameter.SPO2, Parameter.HEART_RATE,
				Parameter.TEMPERATURE);
		assertThatThrownBy(() -> reading.values().put(Parameter.GLUCOSE, 90.0))
			.isInstanceOf(UnsupportedOperationException.class);
		assertThat(reading.value(Parameter.HEART_RATE)).hasValue(72.0);
		assertThat(reading.value(Parameter.GLUCOSE)).isEmpty();
	}

	@Test
	void itsValuesAreAMapLikeAnyOtherWithTheSameEntries() {
		Map<Parameter, Double> values = new LinkedHashMap<>();
		values.put(Parameter.RESP_RATE, 18.0);
		values.put(Parameter.SPO2, 97.0);
		Map<Parameter, Double> copy = Reading.of("mon-7", TS, values).values();
		assertThat(copy).isEqualTo(values).hasSameHashCodeAs(values).hasToString(values.toString());
		assertThat(values).isEqualTo(copy);
		assertThat(copy.entrySet()).containsExactlyElementsOf(values.entrySet());
		assertThat(copy.containsKey(Parameter.SPO2)).isTrue();
		assertThat(copy.containsKey(Parameter.HEART_RATE)).isFalse();
		assertThat(copy.get("SPO2")).isNull();
		assertThatThrownBy(() -> {
			var entries = copy.entrySet().iterator();
			entries.next();
			entries.remove();
		}).isInstanceOf(UnsupportedOperationException.class);
		assertThat(copy).hasSize(2);
		assertThatThrownBy(() -> copy.remove(Parameter.SPO2)).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(copy::clear).isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void valuesHandedOverInArraysAreCheckedAndCopied() {
		Parameter[] keys = { Parameter.SPO2, Parameter.HEART_RATE, null };
		Double[] values = { 97.0, 72.0, null };
		ReadingValues handed = ReadingValues.of(keys, values, 2);
		keys[0] = Parameter.GLUCOSE;
		values[0] = 5.0;
		assertThat(handed).containsExactly(Map.entry(Parameter.SPO2, 97.0), Map.entry(Parameter.HEART_RATE, 72.0));
		assertThat(Reading.of("mon-7", TS, handed).values()).isSameAs(handed);
		assertThatIllegalArgumentException().isThrownBy(() -> ReadingValues
			.of(new Parameter[] { Parameter.SPO2, Parameter.SPO2 }, new Double[] { 97.0, 96.0 }, 2));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ReadingValues.of(new Parameter[] { Parameter.SPO2 }, new Double[] { Double.NaN }, 1));
		assertThatNullPointerException()
			.isThrownBy(() -> ReadingValues.of(new Parameter[] { null }, new Double[] { 1.0 }, 1));
	}

	@Test
	void aReadingMadeFromAnothersValuesSharesThemAsTheyCannotChange() {
		Reading reading = Reading.of("mon-7", TS, Map.of(Parameter.HEART_RATE, 72.0));
		Reading corrected = new Reading("mon-7", TS.minusSeconds(5), 3L, reading.values(), true, null);
		assertThat(corrected.values()).isSameAs(reading.values());
	}

	@Test
	void allowsAReadingWithOnlyAFlag() {
		Reading reading = new Reading("mon-7", TS, null, Map.of(), null, Consciousness.V);
		assertThat(reading.values()).isEmpty();
		assertThat(reading.consciousness()).isEqualTo(Consciousness.V);
	}

	@Test
	void rejectsAReadingWithNothingInIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> Reading.of("mon-7", TS, Map.of()));
	}

	@Test
	void rejectsInvalidComponents() {
		Map<Parameter, Double> hr = Map.of(Parameter.HEART_RATE, 72.0);
		assertThatIllegalArgumentException().isThrownBy(() -> Reading.of("mon 7", TS, hr));
		assertThatNullPointerException().isThrownBy(() -> Reading.of("mon-7", null, hr));
		assertThatNullPointerException().isThrownBy(() -> Reading.of("mon-7", TS, null));
		assertThatIllegalArgumentException().isThrownBy(() -> new Reading("mon-7", TS, -1L, hr, null, null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Reading.of("mon-7", TS, Map.of(Parameter.HEART_RATE, Double.NaN)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Reading.of("mon-7", TS, Map.of(Parameter.HEART_RATE, Double.POSITIVE_INFINITY)));
	}

	@Test
	void parsesConsciousnessLettersExactly() {
		assertThat(Consciousness.fromCode("A")).contains(Consciousness.A);
		assertThat(Consciousness.fromCode("U")).contains(Consciousness.U);
		assertThat(Consciousness.fromCode("a")).isEmpty();
		assertThat(Consciousness.fromCode("AC")).isEmpty();
		assertThat(Consciousness.fromCode("X")).isEmpty();
		assertThat(Consciousness.fromCode(null)).isEmpty();
		assertThat(Consciousness.A.isAlert()).isTrue();
		assertThat(Consciousness.C.isAlert()).isFalse();
	}

}
