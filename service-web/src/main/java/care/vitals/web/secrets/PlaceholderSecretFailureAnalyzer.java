package care.vitals.web.secrets;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link PlaceholderSecretException} as Boot's "APPLICATION FAILED TO START"
 * with the action to take, instead of a stack trace.
 */
class PlaceholderSecretFailureAnalyzer extends AbstractFailureAnalyzer<PlaceholderSecretException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PlaceholderSecretException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Set a real secret in the variable or credential the property reads (deploy/init.sh generates them"
						+ " into .env and deploy/secrets; deploy/systemd/install-credentials.sh installs them as"
						+ " systemd credentials), then start again.",
				cause);
	}

}
