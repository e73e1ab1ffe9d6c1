package io.connectionsconsole.config;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.apprunner.model.AppRunnerException;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import io.connectionsconsole.ConsoleApplication;
import io.connectionsconsole.api.AppRunnerClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A console configured with settings it can't work with (a weak administrator password, a token key that isn't
 * the stored secrets', limits no request fits in) does not start: it says which property is wrong and why, never
 * with the value itself.
 */
@ExtendWith(OutputCaptureExtension.class)
class RefusedConfigurationTest {

	/** Starts a console with these settings over ones it would start with: answers why it did not. */
	private static Throwable start(String... settings) {
		Map<String, String> all = new LinkedHashMap<>(Map.of("server.port", "0", "spring.datasource.url",
				"jdbc:h2:mem:refused-configuration;DB_CLOSE_DELAY=-1", "console.check.enabled", "false",
				"console.token-key", "refused-configuration-test-key-0123456789", "console.admin.password",
				"a-good-password-for-this-test"));
		for (int i = 0; i < settings.length; i += 2) {
			all.put(settings[i], settings[i + 1]);
		}
		String[] arguments = all.entrySet().stream().map((e) -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
		Throwable refused = catchThrowable(() -> SpringApplication.run(ConsoleApplication.class, arguments).close());
		assertThat(refused).as("the console started").isNotNull();
		return refused;
	}

	@Test
	void anAdministratorPasswordShorterThanTwelveCharactersIsRefused() {
		Throwable refused = start("console.admin.password", "eleven-char");

		assertThat(refused).rootCause()
			.hasMessageStartingWith("console.admin.password is refused: A password has at least 12 characters.")
			.hasMessageNotContaining("eleven-char");
	}

	@Test
	void anAdministratorPasswordThatIsTheUserNameIsRefused() {
		Throwable refused = start("console.admin.username", "console-operator", "console.admin.password", "Console-Operator");

		assertThat(refused).rootCause()
			.hasMessageStartingWith("console.admin.password is refused: A password must not be the user name.");
	}

	@Test
	void aTokenKeyShorterThanThirtyTwoCharactersIsRefused() {
		Throwable refused = start("console.token-key", "0123456789abcdef0123456789abcde");

		assertThat(refused).rootCause()
			.hasMessageStartingWith("console.token-key must be at least 32 characters long; it has 31.")
			.hasMessageNotContaining("0123456789abcdef0123456789abcde");
	}

	@Test
	void aTokenKeyOfOneRepeatedCharacterIsRefused() {
		Throwable refused = start("console.token-key", "k".repeat(64));

		assertThat(refused).rootCause().hasMessageStartingWith("console.token-key must not be one character repeated.");
	}

	/** A setting given twice on the command line is its values joined by a comma: no server's address. */
	@Test
	void aProviderAddressThatIsNoServersIsRefused() {
		Throwable twice = start("console.providers.github.api-url", "https://api.github.example,https://api.github.example");
		Throwable relative = start("console.providers.gitlab.git-url", "gitlab.example.com");

		assertThat(twice).rootCause().hasMessageStartingWith("console.providers.github.api-url must be an http or "
				+ "https address with a host name");
		assertThat(relative).rootCause().hasMessageStartingWith("console.providers.gitlab.git-url must be an http or "
				+ "https address with a host name");
	}

	@Test
	void aProviderAddressWithAUserQueryOrFragmentIsRefused() {
		Throwable user = start("console.providers.github.git-url", "https://bob:hunter2pass@github.example");
		Throwable query = start("console.providers.github.git-url", "https://github.example/ghe?x=1");
		Throwable fragment = start("console.providers.gitlab.api-url", "https://gitlab.example/api/v4#top");

		for (Throwable refused : new Throwable[] { user, query, fragment }) {
			assertThat(refused).rootCause().hasMessageContaining("must be an address without a user, query or fragment")
				.hasMessageNotContaining("hunter2pass");
		}
	}

	@Test
	void aFirstAdministratorNameThatBreaksTheUserNameRuleIsRefusedAtTheFirstStart() {
		for (String name : new String[] { "", "ops admin", "a" }) {
			assertThat(start("spring.datasource.url", "jdbc:h2:mem:first-admin-name-" + name.length()
					+ ";DB_CLOSE_DELAY=-1", "console.admin.username", name)).as(name)
				.hasStackTraceContaining("console.admin.username is refused: ");
		}
	}

	@Test
	void aBlankAdministratorAccessKeyIsNone() {
		SpringApplication.run(ConsoleApplication.class, "--server.port=0",
				"--spring.datasource.url=jdbc:h2:mem:blank-admin-key;DB_CLOSE_DELAY=-1", "--console.check.enabled=false",
				"--console.token-key=refused-configuration-test-key-0123456789",
				"--console.admin.password=a-good-password-for-this-test", "--console.admin.access-key-id=",
				"--console.admin.secret-access-key=")
			.close();
	}

	@Test
	void halfAnAdministratorAccessKeyOrOneOfTheWrongFormIsRefused() {
		Throwable half = start("console.admin.access-key-id", "AKIAABCDEFGHIJKLMNOP");
		Throwable wrong = start("console.admin.access-key-id", "AKIAabc", "console.admin.secret-access-key",
				"a-secret-access-key-of-some-length");

		assertThat(half).rootCause()
			.hasMessage("console.admin.access-key-id and console.admin.secret-access-key are set together or not at "
					+ "all: only the first is set.");
		assertThat(wrong).rootCause()
			.hasMessageStartingWith("console.admin.access-key-id and console.admin.secret-access-key are refused: "
					+ "An access key id is AKIA followed by 16")
			.hasMessageNotContaining("a-secret-access-key-of-some-length");
	}

	@Test
	void limitsAndIntervalsThatStopTheConsoleFromWorkingAreRefusedNamingTheProperty() {
		Map<String, String> refused = new LinkedHashMap<>();
		refused.put("console.request-body.max-size", "0");
		refused.put("console.request-body.timeout", "0");
		refused.put("console.check.interval", "50");
		refused.put("console.check.initial-delay", "-1s");
		refused.put("console.providers.connect-timeout", "0");
		refused.put("console.providers.read-timeout", "-1s");
		refused.put("console.pages.max-wait", "-1s");
		refused.forEach((property, value) -> assertThat(start(property, value)).as(property + "=" + value)
			.rootCause()
			.hasMessageStartingWith(property + " must be at least "));
	}

	@Test
	void anotherTokenKeyThanTheOneTheDatabasesSecretsWereSealedWithIsRefused() {
		String database = "jdbc:h2:mem:sealed-under-another-key;DB_CLOSE_DELAY=-1";
		SpringApplication.run(ConsoleApplication.class, "--server.port=0", "--spring.datasource.url=" + database,
				"--console.check.enabled=false", "--console.token-key=the-key-the-secrets-were-sealed-under-01",
				"--console.admin.password=a-good-password-for-this-test",
				"--console.admin.access-key-id=AKIASEALEDUNDERKEY01",
				"--console.admin.secret-access-key=a-secret-access-key-sealed-under-the-first-key")
			.close();

		Throwable refused = start("spring.datasource.url", database, "console.token-key",
				"another-key-than-the-secrets-were-sealed-under");

		assertThat(refused).hasMessageStartingWith("console.token-key is not the key this database's secrets were sealed with")
			.hasMessageNotContaining("another-key-than");
		// with its own key, the same database starts; with another said to replace it on purpose, too
		SpringApplication.run(ConsoleApplication.class, "--server.port=0", "--spring.datasource.url=" + database,
				"--console.check.enabled=false", "--console.token-key=the-key-the-secrets-were-sealed-under-01",
				"--console.admin.password=a-good-password-for-this-test")
			.close();
		try (ConfigurableApplicationContext replaced = SpringApplication.run(ConsoleApplication.class,
				"--server.port=0", "--spring.datasource.url=" + database, "--console.check.enabled=false",
				"--console.token-key=another-key-than-the-secrets-were-sealed-under",
				"--console.token-key-replaced=true", "--console.admin.password=a-good-password-for-this-test");
				AppRunnerClients clients = new AppRunnerClients(
						Integer.parseInt(replaced.getEnvironment().getProperty("local.server.port")))) {
			// a key sealed under the old key is as unknown as a deleted one, not an internal error
			assertThatThrownBy(() -> clients
				.signedWith("AKIASEALEDUNDERKEY01", "a-secret-access-key-sealed-under-the-first-key", "us-east-1")
				.listConnections((r) -> { }))
				.isInstanceOfSatisfying(AppRunnerException.class, (ex) -> {
					assertThat(ex.statusCode()).isEqualTo(403);
					assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
				});
		}
	}

	@Test
	void aRefusedSettingIsReportedAsSpringBootReportsItsOwnWithoutAStackTrace(CapturedOutput output) {
		start("console.request-body.timeout", "0");

		assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
			.contains("console.request-body.timeout must be at least 1000 ms; it is 0 ms")
			.contains("Change the setting named above")
			.doesNotContain("Application run failed")
			.doesNotContain("at io.connectionsconsole.");
	}

	@Test
	void aRegionListThatIsNoneIsReportedAsARefusedSetting(CapturedOutput output) {
		start("console.regions", "not a region list");

		assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
			.contains("console.regions names 'not a region list', which is not a region code like us-east-1")
			.doesNotContain("Application run failed");
	}

	/** A database the console can't reach at start: the driver's reason, in Spring Boot's report, and what to check. */
	@Test
	void aDatabaseThatCantBeReachedIsReportedWithTheDriversReasonWithoutAStackTrace(CapturedOutput output)
			throws Exception {
		int closed;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		start("spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + closed + "/console",
				"spring.datasource.hikari.connection-timeout", "1000");

		assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
			.contains("The database could not be used at start: ")
			.contains("127.0.0.1:" + closed)
			.contains("spring.datasource.url, spring.datasource.username and spring.datasource.password")
			.doesNotContain("Application run failed")
			.doesNotContain("at io.connectionsconsole.");
	}

	@Test
	void aGitHubAppKeyThatIsNoKeyOrCantBeReadAndADataDirectoryThatCantBeWrittenAreRefusedNamingTheSetting() {
		String[] app = { "console.providers.github.mode", "app", "console.providers.github.app.id", "77",
				"console.providers.github.app.slug", "my-app", "console.providers.github.app.webhook-secret", "s",
				"spring.security.oauth2.client.registration.github.client-id", "Iv1.app",
				"spring.security.oauth2.client.registration.github.client-secret", "app-secret" };
		Throwable notAKey = start(with(app, "console.providers.github.app.private-key", "not-a-pem-key-at-all"));
		Throwable noFile = start(with(app, "console.providers.github.app.private-key-file", "/nonexistent/app.pem"));
		Throwable dataDir = start("console.token-key", "", "spring.datasource.url",
				"jdbc:h2:mem:unwritable-data-dir;DB_CLOSE_DELAY=-1", "console.data-dir", "/proc/no-such-directory");

		assertThat(notAKey).rootCause()
			.hasMessageStartingWith("console.providers.github.app.private-key (or private-key-file) is not an RSA "
					+ "private key in PEM")
			.hasMessageNotContaining("not-a-pem-key-at-all");
		assertThat(noFile).hasStackTraceContaining("console.providers.github.app.private-key-file can't be read: "
				+ "/nonexistent/app.pem");
		assertThat(dataDir).hasStackTraceContaining("console.data-dir can't hold the token key: "
				+ "/proc/no-such-directory/token-key can't be read or created");
	}

	private static String[] with(String[] settings, String... more) {
		String[] all = Arrays.copyOf(settings, settings.length + more.length);
		System.arraycopy(more, 0, all, settings.length, more.length);
		return all;
	}

	@Test
	void aSessionTimeoutShorterThanTwoMinutesIsRefused() {
		Throwable refused = start("server.servlet.session.timeout", "60s");

		assertThat(refused).rootCause()
			.hasMessageStartingWith("server.servlet.session.timeout must be at least 2 minutes; it is 60 s.");
	}

}
