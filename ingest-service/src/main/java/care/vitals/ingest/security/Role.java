package care.vitals.ingest.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a person may do (docs/ward-station.md, "Roles"). A charge nurse may do everything
 * a nurse may (the role hierarchy of {@link SecurityConfiguration}); an administrator
 * manages accounts and settings and is not a nurse unless also given that role.
 */
public enum Role {

	/** Observe the ward, record observations, acknowledge alarms. */
	NURSE,

	/** Also admit, transfer and discharge, and change alarm limits and the SpO2 scale. */
	CHARGE_NURSE,

	/** Accounts and the service's settings (actuator). */
	ADMINISTRATOR;

	/** The Spring Security authority, e.g. {@code ROLE_NURSE}. */
	public String authority() {
		return "ROLE_" + name();
	}

	/**
	 * The name people type: {@code nurse}, {@code charge-nurse}, {@code administrator}.
	 */
	public String code() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	public static Optional<Role> fromCode(String code) {
		return Arrays.stream(values()).filter((role) -> role.code().equalsIgnoreCase(code.trim())).findFirst();
	}

}
