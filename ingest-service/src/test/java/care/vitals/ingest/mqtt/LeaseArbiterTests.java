package care.vitals.ingest.mqtt;

import care.vitals.ingest.mqtt.LeaseArbiter.Action;
import care.vitals.ingest.mqtt.LeaseArbiter.Decision;
import care.vitals.ingest.mqtt.LeaseArbiter.Role;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decisions of the clinical lease, rule by rule. Whole contests on a simulated
 * broker: {@link LeaseContestTests}.
 */
class LeaseArbiterTests {

	@Test
	void aStandbyClaimsAFreeLeaseOrOneStillNamingItself() {
		LeaseArbiter arbiter = new LeaseArbiter("a", () -> 0.125);
		assertThat(arbiter.evaluate(0).action()).as("nothing retained").isEqualTo(Action.CLAIM);
		assertThat(arbiter.seen(owner("b", "1"), 0).action()).isEqualTo(Action.NONE);
		assertThat(arbiter.evaluate(5).action()).as("held by an owner").isEqualTo(Action.NONE);
		assertThat(arbiter.seen(LeaseValue.FREE, 5).action()).isEqualTo(Action.CLAIM);
		assertThat(arbiter.seen(claim("a", "old"), 5).action()).as("from before a restart").isEqualTo(Action.CLAIM);
	}

	@Test
	void aStandbyClaimsWhenAClaimIsNotConfirmedOrItsOwnerFallsSilent() {
		LeaseArbiter arbiter = new LeaseArbiter("a", () -> 0.125);
		arbiter.seen(claim("b", "1"), 10);
		assertThat(arbiter.evaluate(13.4).action()).isEqualTo(Action.NONE);
		assertThat(arbiter.evaluate(13.5).action()).isEqualTo(Action.CLAIM);
		arbiter.seen(owner("b", "2"), 14);
		assertThat(arbiter.evaluate(23.4).action()).as("confirmed").isEqualTo(Action.NONE);
		assertThat(arbiter.evaluate(23.5).action()).as("an owner silent for three heartbeats").isEqualTo(Action.CLAIM);
		arbiter.seen(new LeaseValue("b", null, false), 100);
		assertThat(arbiter.evaluate(200).action()).as("untagged: cannot tell, trusted").isEqualTo(Action.NONE);
	}

	@Test
	void valuesDeliveredBeforeTheOwnPublicationCameBackAreIgnored() {
		LeaseArbiter arbiter = claiming("a", "t1");
		assertThat(arbiter.seen(claim("b", "x"), 0).action()).as("published before the claim").isEqualTo(Action.NONE);
		assertThat(arbiter.seen(LeaseValue.FREE, 0).action()).isEqualTo(Action.NONE);
		assertThat(arbiter.seen(claim("a", "t0"), 0).action()).as("an older claim of its own").isEqualTo(Action.NONE);
		assertThat(arbiter.check(0).action()).as("not back yet").isEqualTo(Action.WAIT);
		assertThat(arbiter.role()).isEqualTo(Role.CLAIMING);
		assertThat(arbiter.seen(claim("a", "t1"), 0).action()).isEqualTo(Action.NONE);
		assertThat(arbiter.seen(claim("b", "x"), 0).action()).as("the older claim delivered again")
			.isEqualTo(Action.NONE);
		assertThat(arbiter.check(0).action()).isEqualTo(Action.OWN);
		assertThat(arbiter.role()).isEqualTo(Role.OWNER);
	}

	@Test
	void aClaimDeliveredAfterTheOwnOneWins() {
		LeaseArbiter claimant = claiming("a", "t1");
		claimant.seen(claim("a", "t1"), 0);
		Decision decision = claimant.seen(claim("b", "x"), 0);
		assertThat(decision.action()).isEqualTo(Action.STAND_DOWN);
		assertThat(decision.reason()).contains("held by b");
		LeaseArbiter owner = owning("a");
		assertThat(owner.seen(claim("b", "x"), 0).action()).isEqualTo(Action.STAND_DOWN);
		owner.stoodDown();
		assertThat(owner.evaluate(1).action()).as("does not compete while that claim is young").isEqualTo(Action.NONE);
	}

	@Test
	void aClearDeliveredAfterTheOwnPublicationIsAnsweredByPublishingAgain() {
		LeaseArbiter owner = owning("a");
		assertThat(owner.seen(LeaseValue.FREE, 0).action()).isEqualTo(Action.PUBLISH_AGAIN);
		owner.published("t3", 0);
		assertThat(owner.seen(claim("b", "x"), 0).action())
			.as("a standby's claim on the clear, published before the owner's again")
			.isEqualTo(Action.NONE);
		assertThat(owner.seen(owner("a", "t3"), 0).action()).isEqualTo(Action.NONE);
		assertThat(owner.role()).isEqualTo(Role.OWNER);
	}

	@Test
	void aPublicationThatNeverComesBackIsJudgedByTheLastValueAfterThePatience() {
		LeaseArbiter lost = claiming("a", "t1");
		lost.seen(claim("b", "x"), 0);
		assertThat(lost.check(0).action()).isEqualTo(Action.WAIT);
		assertThat(lost.check(0).action()).isEqualTo(Action.WAIT);
		assertThat(lost.check(0).action()).as("another's claim last").isEqualTo(Action.STAND_DOWN);
		LeaseArbiter cleared = claiming("a", "t1");
		cleared.seen(LeaseValue.FREE, 0);
		cleared.check(0);
		cleared.check(0);
		assertThat(cleared.check(0).action()).isEqualTo(Action.PUBLISH_AGAIN);
		LeaseArbiter named = claiming("a", "t1");
		named.seen(claim("a", "t0"), 0);
		named.check(0);
		named.check(0);
		assertThat(named.check(0).action()).as("its own name last").isEqualTo(Action.OWN);
		LeaseArbiter blindOwner = owning("a");
		blindOwner.published("t9", 0);
		blindOwner.seen(claim("b", "y"), 0);
		blindOwner.check(0);
		blindOwner.check(0);
		assertThat(blindOwner.check(0).action()).as("an owner is not blind for ever").isEqualTo(Action.STAND_DOWN);
	}

	@Test
	void anOwnerPublishesItsHeartbeatOnceItsLastPublicationCameBack() {
		LeaseArbiter owner = owning("a");
		assertThat(owner.evaluate(2.9).action()).isEqualTo(Action.NONE);
		assertThat(owner.evaluate(3).action()).isEqualTo(Action.PUBLISH_AGAIN);
		owner.published("t4", 3);
		assertThat(owner.evaluate(7).action()).as("not while it has not come back").isEqualTo(Action.NONE);
	}

	@Test
	void anOwnerWhoseLeaseHasNotComeBackForThreeHeartbeatsNoLongerOwns() {
		LeaseArbiter owner = owning("a");
		assertThat(owner.owns(8.9)).isTrue();
		assertThat(owner.owns(9)).as("a standby may take it for gone from now on").isFalse();
		assertThat(owner.evaluate(9).action()).as("stalled: competes afresh instead of asserting it")
			.isEqualTo(Action.STAND_DOWN);
		owner.published("t5", 9);
		owner.seen(owner("a", "t5"), 10);
		assertThat(owner.owns(10)).as("its heartbeat came back").isTrue();
		assertThat(owner.role()).isEqualTo(Role.OWNER);
	}

	@Test
	void aClaimWithoutTagOfTheSameHolderCountsAsComingBack() {
		LeaseArbiter arbiter = claiming("a", "t1");
		arbiter.seen(new LeaseValue("a", null, false), 0);
		assertThat(arbiter.check(0).action()).isEqualTo(Action.OWN);
	}

	private static LeaseValue claim(String holder, String tag) {
		return new LeaseValue(holder, tag, false);
	}

	private static LeaseValue owner(String holder, String tag) {
		return new LeaseValue(holder, tag, true);
	}

	private static LeaseArbiter claiming(String self, String tag) {
		LeaseArbiter arbiter = new LeaseArbiter(self, () -> 0.125);
		arbiter.published(tag, 0);
		return arbiter;
	}

	private static LeaseArbiter owning(String self) {
		LeaseArbiter arbiter = claiming(self, "t1");
		arbiter.seen(claim(self, "t1"), 0);
		assertThat(arbiter.check(0).action()).isEqualTo(Action.OWN);
		arbiter.published("t2", 0);
		arbiter.seen(owner(self, "t2"), 0);
		return arbiter;
	}

}
