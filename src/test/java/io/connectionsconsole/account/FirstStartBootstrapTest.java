package io.connectionsconsole.account;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

import io.connectionsconsole.ConsoleApplication;
import io.connectionsconsole.audit.AuditEvent;
import io.connectionsconsole.audit.AuditLog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** A first start on an empty database, and a second start on the same one. */
@ExtendWith(OutputCaptureExtension.class)
class FirstStartBootstrapTest {

	private static ConfigurableApplicationContext start(String database, String... more) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0",
				"--spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1",
				"--console.token-key=bootstrap-test-key-0123456789abcdef", "--console.check.enabled=false",
				"--console.admin.account-id=210987654321"));
		arguments.addAll(List.of(more));
		return SpringApplication.run(ConsoleApplication.class, arguments.toArray(String[]::new));
	}

	@Test
	void theFirstStartCreatesTheAdminWithAGeneratedPasswordInAFileOnlyItsUserReadsAndNeverInTheLog(
			CapturedOutput output, @TempDir Path data) throws Exception {
		Path file = data.resolve(FirstStartBootstrap.PASSWORD_FILE);
		String password;
		try (ConfigurableApplicationContext context = start("bootstrap-once", "--console.data-dir=" + data)) {
			Matcher logged = Pattern.compile("Sign in at (http://localhost:\\d+/login) as 'admin' with the password in (\\S+) ")
				.matcher(output.getOut());
			assertThat(logged.find()).as("sign-in line in the log").isTrue();
			assertThat(Path.of(logged.group(2))).isEqualTo(file.toAbsolutePath());
			password = Files.readString(file).strip();
			assertThat(password).matches("[A-Za-z0-9]{20}");
			assertThat(output.getOut()).doesNotContain(password);
			assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
					PosixFilePermission.OWNER_WRITE);

			ConsoleUser admin = context.getBean(AccountRepository.class).findForSignIn("admin").orElseThrow();
			assertThat(admin.accountId()).isEqualTo(AccountId.of("210987654321"));
			assertThat(admin.role()).isEqualTo(Role.ADMIN);
			assertThat(admin.getPassword()).startsWith("{bcrypt}").doesNotContain(password);
			assertThat(context.getBean(PasswordEncoder.class).matches(password, admin.getPassword())).isTrue();

			// the administrator chooses their own: the file goes
			context.getBean(UserService.class).changeOwnPassword(admin.caller(), password, "chosen-by-the-admin-1");
			assertThat(file).doesNotExist();
		}
		// as another instance keeps it, whose administrator's password was changed through the first
		Files.writeString(file, password + "\n");

		try (ConfigurableApplicationContext again = start("bootstrap-once", "--console.data-dir=" + data)) {
			assertThat(file).as("an outdated password's file goes at the next start, which makes none").doesNotExist();
			assertThat(again.getBean(AccountRepository.class).usersOf(AccountId.of("210987654321"))).hasSize(1);
		}
	}

	@Test
	void theGeneratedPasswordsFileIsKeptWhenALaterStartNamesAnotherAdministrator(@TempDir Path data) {
		Path file = data.resolve(FirstStartBootstrap.PASSWORD_FILE);
		start("bootstrap-renamed", "--console.data-dir=" + data).close();
		assertThat(file).exists();

		start("bootstrap-renamed", "--console.data-dir=" + data, "--console.admin.username=someone-else").close();

		assertThat(file).as("the only password of the first administrator, whom the new name doesn't name").exists();
	}

	@Test
	void theAdministratorAndTheConfiguredKeyAreInTheAuditTrailAsTheConfigurationsDoing(@TempDir Path data) {
		try (ConfigurableApplicationContext context = start("bootstrap-audited", "--console.data-dir=" + data,
				"--console.admin.access-key-id=AKIABOOTSTRAPAUDIT01",
				"--console.admin.secret-access-key=bootstrap-audited-secret-0123456789")) {
			List<AuditEvent> events = context.getBean(AuditLog.class).latest("210987654321", 10);

			assertThat(events).extracting(AuditEvent::actor, AuditEvent::action, AuditEvent::resource, AuditEvent::detail)
				.containsExactly(
						tuple("configuration", "CreateAccessKey", "AKIABOOTSTRAPAUDIT01", "for admin, at the first start"),
						tuple("configuration", "AddUser", "admin", "ADMIN, at the first start"));
		}
	}

}
