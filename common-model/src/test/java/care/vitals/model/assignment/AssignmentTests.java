package care.vitals.model.assignment;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class AssignmentTests {

	private static final Instant SINCE = Instant.parse("2026-11-27T08:00:00Z");

	@Test
	void holdsPseudonymisedIds() {
		assertThat(new Assignment("p-1042", "ward-3", "12", SINCE).bed()).isEqualTo("12");
	}

	@Test
	void rejectsNamesAndUnsafeCharacters() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Assignment("John Smith", "ward-3", "12", SINCE));
		assertThatIllegalArgumentException().isThrownBy(() -> new Assignment("p-1042", "ward,3", "12", SINCE));
		assertThatIllegalArgumentException().isThrownBy(() -> new Assignment("p-1042", "ward-3", "", SINCE));
		assertThatNullPointerException().isThrownBy(() -> new Assignment("p-1042", "ward-3", "12", null));
	}

	@Test
	void reservesTheUnassignedPatient() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Assignment(Assignment.UNASSIGNED_PATIENT, "ward-3", "12", SINCE));
	}

}
