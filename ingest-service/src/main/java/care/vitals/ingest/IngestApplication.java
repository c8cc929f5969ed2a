package care.vitals.ingest;

import care.vitals.ingest.security.AccountCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point of the ingest service; {@code account …} manages the accounts file instead
 * ({@link AccountCommand}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IngestApplication {

	public static void main(String[] args) {
		if (AccountCommand.requested(args)) {
			System.exit(AccountCommand.run(args));
		}
		SpringApplication.run(IngestApplication.class, args);
	}

}
