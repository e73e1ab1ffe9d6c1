package io.connectionsconsole.account;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

import io.connectionsconsole.audit.AuditLog;
import io.connectionsconsole.config.ConsoleProperties;
import io.connectionsconsole.config.OwnerOnlyFiles;
import io.connectionsconsole.error.InvalidInputException;

/**
 * On the first start (no user at all) creates the default account and its admin, and the admin's API key
 * when one is configured: once, however many instances start together. A generated password is written to a file of
 * the data directory that only the console's user reads, and the log says where to sign in and where the password is;
 * a configured one that breaks the password rule stops the console from starting.
 */
@Component
class FirstStartBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(FirstStartBootstrap.class);

	/** The actor of what the first start makes: the console's configuration, no user. */
	static final String CONFIGURATION = "configuration";

	static final String PASSWORD_FILE = "initial-admin-password";

	private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

	private final AccountRepository accounts;

	private final AccessKeyService accessKeys;

	private final PasswordEncoder passwordEncoder;

	private final ConsoleProperties.Admin admin;

	private final TransactionTemplate transaction;

	private final Environment environment;

	private final Clock clock;

	private final AuditLog audit;

	/** Where a generated password is written: the data directory's {@value #PASSWORD_FILE}. */
	private final Path passwordFile;

	FirstStartBootstrap(AccountRepository accounts, AccessKeyService accessKeys, PasswordEncoder passwordEncoder,
			ConsoleProperties properties, TransactionTemplate transaction, Environment environment, Clock clock,
			AuditLog audit) {
		this.accounts = accounts;
		this.accessKeys = accessKeys;
		this.passwordEncoder = passwordEncoder;
		this.admin = properties.admin();
		this.passwordFile = properties.dataDir().resolve(PASSWORD_FILE);
		this.transaction = transaction;
		this.environment = environment;
		this.clock = clock;
		this.audit = audit;
		// The administrator's key follows the rule of every key, checked at every start, first or not: half a key, or
		// one of the wrong form, is refused rather than taken silently. Blank is unset, as an empty variable is.
		if (StringUtils.hasText(admin.accessKeyId()) != StringUtils.hasText(admin.secretAccessKey())) {
			throw new IllegalStateException("console.admin.access-key-id and console.admin.secret-access-key are set "
					+ "together or not at all: only " + (StringUtils.hasText(admin.accessKeyId()) ? "the first"
							: "the second") + " is set.");
		}
		if (StringUtils.hasText(admin.accessKeyId())) {
			try {
				AccessKeyService.requireImportable(admin.accessKeyId(), admin.secretAccessKey());
			}
			catch (InvalidInputException ex) {
				throw new IllegalStateException("console.admin.access-key-id and console.admin.secret-access-key are "
						+ "refused: " + ex.getMessage());
			}
		}
		// The first user's name follows the rule of every new user's, checked before the console serves, where no
		// user exists yet: one that breaks it is no one's to sign in with.
		if (!accounts.anyUserExists()) {
			try {
				new Username(admin.username());
			}
			catch (InvalidInputException ex) {
				throw new IllegalStateException("console.admin.username is refused: " + ex.getMessage()
						+ " Set CONSOLE_ADMIN_USERNAME to another.");
			}
		}
		// A configured password follows the rule every password does, checked at every start, first or not: a
		// console configured with a weak one is refused rather than started.
		if (!generatesPassword()) {
			try {
				PasswordRules.requireValid("console.admin.password", admin.username(), admin.password());
			}
			catch (InvalidInputException ex) {
				throw new IllegalStateException("console.admin.password is refused: " + ex.getMessage()
						+ " Set CONSOLE_ADMIN_PASSWORD to another, or leave it unset to have one generated.");
			}
		}
	}

	/**
	 * Writes the generated password into its file, readable by the console's user alone (over one a start that failed
	 * left). Never into the log, which others read.
	 */
	private void writePasswordFile(String password) {
		try {
			OwnerOnlyFiles.writeWhole(passwordFile, (password + "\n").getBytes(StandardCharsets.US_ASCII));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The generated password of '" + admin.username() + "' could not be written to "
					+ passwordFile.toAbsolutePath() + " (make console.data-dir writable, or set console.admin.password)",
					ex);
		}
	}

	/**
	 * The generated password's file goes once the administrator's password is changed or reset, and that stored: at
	 * once on the instance the change was made through, at the next start on another.
	 */
	@TransactionalEventListener(fallbackExecution = true)
	void passwordChanged(UserAccessChanged change) {
		if (change.username().equals(admin.username())
				&& (change.change() == UserAccessChanged.Change.PASSWORD_CHANGED
						|| change.change() == UserAccessChanged.Change.PASSWORD_RESET)) {
			deletePasswordFile();
		}
	}

	/** At a start after the first: the file of a password that is no longer the administrator's goes. */
	private void deleteOutdatedPasswordFile() {
		if (!Files.exists(passwordFile)) {
			return;
		}
		try {
			String kept = Files.readString(passwordFile).strip();
			// a configured name that is no user's (changed since the first start) can't tell: the file is kept
			boolean current = accounts.findForSignIn(admin.username())
				.map((user) -> passwordEncoder.matches(kept, user.getPassword()))
				.orElse(true);
			if (!current) {
				deletePasswordFile();
			}
		}
		catch (IOException ex) {
			log.warn("Could not read {} ({})", passwordFile.toAbsolutePath(), ex.getMessage());
		}
	}

	private void deletePasswordFile() {
		try {
			if (Files.deleteIfExists(passwordFile)) {
				log.info("Deleted {}, as the password it held was changed", passwordFile.toAbsolutePath());
			}
		}
		catch (IOException ex) {
			log.warn("Could not delete {} ({})", passwordFile.toAbsolutePath(), ex.getMessage());
		}
	}

	private boolean generatesPassword() {
		return admin.password() == null || admin.password().isBlank();
	}

	/**
	 * Safe for instances starting together on one empty database: each makes sure the default account exists, then
	 * takes its row lock, and only the first to hold it finds no user and creates the administrator.
	 */
	@Override
	public void run(ApplicationArguments args) {
		if (accounts.anyUserExists()) {
			deleteOutdatedPasswordFile();
			return;
		}
		AccountId accountId = AccountId.of(admin.accountId());
		createAccountUnlessPresent(accountId);
		transaction.executeWithoutResult((status) -> {
			accounts.lockAccount(accountId);
			if (!accounts.anyUserExists()) {
				bootstrap(accountId);
			}
		});
	}

	private void createAccountUnlessPresent(AccountId accountId) {
		try {
			transaction.executeWithoutResult((status) -> {
				if (!accounts.accountExists(accountId)) {
					accounts.createAccount(accountId, "Default account", clock.instant());
				}
			});
		}
		catch (DuplicateKeyException ex) {
			// another instance created it since: the account this one wanted
		}
	}

	private void bootstrap(AccountId accountId) {
		boolean generated = generatesPassword();
		String password = generated ? AccessKeyService.randomString(PASSWORD_ALPHABET, 20) : admin.password();
		long userId = accounts.createUser(accountId, admin.username(), passwordEncoder.encode(password), Role.ADMIN,
				clock.instant());
		audit.record(accountId.value(), CONFIGURATION, "AddUser", admin.username(),
				Role.ADMIN.name() + ", at the first start");
		if (StringUtils.hasText(admin.accessKeyId())) {
			accessKeys.importKey(userId, admin.accessKeyId(), admin.secretAccessKey());
			audit.record(accountId.value(), CONFIGURATION, "CreateAccessKey", admin.accessKeyId(),
					"for " + admin.username() + ", at the first start");
			log.info("Created the configured API access key {} for '{}'", admin.accessKeyId(), admin.username());
		}
		String url = "http://localhost:" + environment.getProperty("local.server.port",
				environment.getProperty("server.port", "8080")) + "/login";
		if (generated) {
			writePasswordFile(password);
			log.warn("""

					  First start: created account {} and its administrator.
					  Sign in at {} as '{}' with the password in {} (readable by this user only).
					  The file goes once that password is changed; set console.admin.password to choose your own.
					""", accountId, url, admin.username(), passwordFile.toAbsolutePath());
		}
		else {
			log.info("First start: created account {} and administrator '{}'; sign in at {}", accountId,
					admin.username(), url);
		}
	}

}
