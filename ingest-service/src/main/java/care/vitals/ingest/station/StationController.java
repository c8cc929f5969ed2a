package care.vitals.ingest.station;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import care.vitals.ingest.audit.AuditTrail;
import care.vitals.ingest.storage.InfluxQlReader;
import care.vitals.model.id.Identifiers;
import care.vitals.web.NotFound;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The ward board: every bed of a ward, server-rendered, updating itself every few seconds
 * (station.js asks for the beds fragment). Actions are buttons that call the REST API
 * with the session and its CSRF token, so the API's rules and audit apply to the pages
 * unchanged.
 */
@Controller
class StationController {

	/** How far back the bed page's audit trail goes. */
	static final Duration TRAIL_LOOK_BACK = Duration.ofHours(24);

	/** The most entries the bed page's audit trail shows. */
	static final int TRAIL_ENTRIES = 50;

	private final WardBoard board;

	private final BedDetails details;

	private final StationProperties properties;

	private final AuditTrail trail;

	private final Clock clock;

	StationController(WardBoard board, BedDetails details, StationProperties properties, AuditTrail trail,
			Clock clock) {
		this.board = board;
		this.details = details;
		this.properties = properties;
		this.trail = trail;
		this.clock = clock;
	}

	@GetMapping("/")
	String home() {
		return "redirect:/station";
	}

	@GetMapping("/station")
	String wards(Model model, Authentication user) {
		if (!has(user, "ROLE_NURSE") && !has(user, "ROLE_CHARGE_NURSE")) {
			// an administrator who is not also a nurse sees no patient data
			return "redirect:/station/accounts";
		}
		Set<String> wards = this.board.wards();
		if (wards.size() == 1) {
			return "redirect:/station/wards/" + wards.iterator().next();
		}
		user(model, user);
		model.addAttribute("wards", wards);
		return "wards";
	}

	@GetMapping("/station/wards/{ward}")
	String board(@PathVariable String ward, Model model, Authentication user) {
		beds(ward, model);
		user(model, user);
		model.addAttribute("refreshMillis", this.properties.refresh().toMillis());
		return "board";
	}

	/** The beds alone, for the board's live update. */
	@GetMapping("/station/wards/{ward}/beds")
	String bedsFragment(@PathVariable String ward, Model model, Authentication user) {
		beds(ward, model);
		user(model, user);
		return "board :: beds";
	}

	/** One bed: sub-scores, observations, limits in force, alarms. */
	@GetMapping("/station/wards/{ward}/beds/{bed}")
	String bed(@PathVariable String ward, @PathVariable String bed, Model model, Authentication user) {
		detail(ward, bed, model);
		user(model, user);
		model.addAttribute("refreshMillis", this.properties.refresh().toMillis());
		// the forms: rendered once with the page (a live update never wipes what is being
		// typed); after an action the page loads again
		model.addAttribute("targets",
				this.board.choices().stream().filter((c) -> !c.value().equals(ward + "/" + bed)).toList());
		model.addAttribute("freeDevices", this.board.freeDevices());
		model.addAttribute("oxygenDevices", OXYGEN_DEVICES);
		model.addAttribute("grafanaUrl", this.properties.grafanaUrl());
		return "bed";
	}

	/** How oxygen is delivered: code and words, for the observations form. */
	static final List<Choice> OXYGEN_DEVICES = List.of(new Choice("nasal_cannula", "Nasal cannula"),
			new Choice("simple_mask", "Simple face mask"), new Choice("venturi", "Venturi mask"),
			new Choice("non_rebreather", "Non-rebreather mask"),
			new Choice("high_flow_nasal", "High-flow nasal cannula"), new Choice("cpap_niv", "CPAP / NIV"));

	/**
	 * One option of a choice.
	 *
	 * @param code what is sent
	 * @param text what is shown
	 */
	record Choice(String code, String text) {
	}

	/** The bed's content alone, for its live update. */
	@GetMapping("/station/wards/{ward}/beds/{bed}/detail")
	String bedFragment(@PathVariable String ward, @PathVariable String bed, Model model, Authentication user) {
		detail(ward, bed, model);
		user(model, user);
		return "bed :: detail";
	}

	private void detail(String ward, String bed, Model model) {
		if (!Identifiers.isValid(ward) || !Identifiers.isValid(bed)) {
			throw new NotFound("no bed " + ward + "/" + bed);
		}
		model.addAttribute("ward", ward);
		BedDetail detail = this.details.of(ward, bed).orElseThrow(() -> new NotFound("no bed " + ward + "/" + bed));
		model.addAttribute("d", detail);
		trail(detail.patient(), model);
	}

	/**
	 * The audit trail of the bed's patient, read from InfluxDB at every update (so an
	 * action on another instance shows as well); if the database cannot be read the page
	 * says so instead of showing an empty trail.
	 */
	private void trail(String patient, Model model) {
		if (patient == null) {
			return;
		}
		try {
			model.addAttribute("trail", TrailView.of(this.trail.of(patient, TRAIL_LOOK_BACK, TRAIL_ENTRIES),
					Instant.now(this.clock), this.properties.zone()));
		}
		catch (InfluxQlReader.ReadFailed ex) {
			model.addAttribute("trailUnavailable", "The audit trail cannot be read now: " + ex.getMessage() + ".");
		}
	}

	private void beds(String ward, Model model) {
		if (!Identifiers.isValid(ward)) {
			throw new NotFound("no ward " + ward);
		}
		model.addAttribute("ward", ward);
		model.addAttribute("beds", this.board.beds(ward));
	}

	private static void user(Model model, Authentication user) {
		model.addAttribute("user", user.getName());
		model.addAttribute("chargeNurse", has(user, "ROLE_CHARGE_NURSE"));
		model.addAttribute("nurse", has(user, "ROLE_NURSE") || has(user, "ROLE_CHARGE_NURSE"));
	}

	private static boolean has(Authentication user, String authority) {
		return user.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(authority::equals);
	}

}
