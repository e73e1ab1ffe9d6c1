package io.connectionsconsole.monitoring;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a log line never carries, however a library or a record's {@code toString} writes it. */
class SecretMaskingTest {

	@Test
	void aClientRegistrationsSecretAndAnAuthorizationRequestsStateAndNonceAreMasked() {
		String registration = "ClientRegistration{registrationId='corp', clientId='console', "
				+ "clientSecret='s3cr3t-of-the-client', clientAuthenticationMethod=client_secret_basic}";
		String query = "GET /login/oauth2/code/corp?code=abc123&state=Zm9vYmFyc3RhdGU&nonce=bm9uY2U";

		assertThat(SecretMasking.mask(registration)).doesNotContain("s3cr3t-of-the-client")
			.contains("clientSecret='****'")
			.contains("clientId='console'");
		assertThat(SecretMasking.mask(query)).doesNotContain("abc123", "Zm9vYmFyc3RhdGU", "bm9uY2U")
			.isEqualTo("GET /login/oauth2/code/corp?code=****&state=****&nonce=****");
	}

	/** What tells an operator why the database refused stays: the driver's SQL state and error code. */
	@Test
	void aDriversSqlStateAndErrorCodeStayWhereAnErrorsCodeOrAStateIsMasked() {
		String flyway = "Unable to obtain connection from database: FATAL: password authentication failed\n"
				+ "SQL State  : 28P01\nError Code : 0\nMessage    : FATAL: password authentication failed";

		assertThat(SecretMasking.mask(flyway)).isEqualTo(flyway);
		assertThat(SecretMasking.mask("error: invalid_grant, code: abc123, state: Zm9vYmFy")).doesNotContain("abc123",
				"Zm9vYmFy");
		// a code or a state after such words, which is no driver's diagnostic, is masked all the same
		assertThat(SecretMasking.mask("callback error code=abc123; login error\ncode=def456; sql state: Zm9vYmFyc3Rh"))
			.doesNotContain("abc123", "def456", "Zm9vYmFyc3Rh");
		assertThat(SecretMasking.mask("Error Code : abcde12345")).doesNotContain("abcde12345");
	}

	@Test
	void aRecordsPasswordTokenKeyAndSecretAccessKeyAreMasked() {
		String properties = "Admin[username=admin, password=first-password-123, accountId=123456789012, "
				+ "accessKeyId=AKIAEXAMPLE, secretAccessKey=wJalrXUtnFEMI/K7MDENG] ConsoleProperties[tokenKey=0123456789abcdef0123]";

		assertThat(SecretMasking.mask(properties)).doesNotContain("first-password-123", "wJalrXUtnFEMI", "0123456789abcdef0123")
			.contains("username=admin", "accountId=123456789012", "accessKeyId=AKIAEXAMPLE");
	}

	@Test
	void aLinkTokenIsMaskedWhereverItStands() {
		String line = "clone by https://ci:ccgit_Q2xvbmVUb2tlbk9mVGhlTGluazEyMzQ1@console.example.com/git-http/x";

		assertThat(SecretMasking.mask(line)).doesNotContain("ccgit_Q2xvbmVUb2tlbk9mVGhlTGluazEyMzQ1")
			.contains("https://ci:****@console.example.com");
	}

	/** Tomcat quotes a request's target it refuses; a mistyped link is quoted as a path that is no page. */
	@Test
	void aHandshakeLinksSecretIsMaskedInAPathThatNamesTheLinkHoweverWritten() {
		String secret = "mQo8nkuaAbCdEf0123456789_-xyzXYZ";

		assertThat(SecretMasking.mask("Invalid character found in the request target [/connections/handshake/link/"
				+ secret + "|x]. The valid characters are defined in RFC 7230 and RFC 3986"))
			.isEqualTo("Invalid character found in the request target [/connections/handshake/link/****|x]. The valid "
					+ "characters are defined in RFC 7230 and RFC 3986");
		assertThat(SecretMasking.mask("No endpoint GET /connections/handshake/LINKS/" + secret + "."))
			.isEqualTo("No endpoint GET /connections/handshake/LINKS/****");
	}

	@Test
	void aFormsPasswordsAnApiSecretAndAPrivateKeyAreMasked() {
		String form = "PasswordForm[currentPassword=old-secret-1, newPassword=new-secret-2, confirmPassword=new-secret-2]";
		String key = "NewAccessKey[accessKeyId=AKIAEXAMPLE, secret=wJalrXUtnFEMIK7MDENGbPxRfiCY]";
		String pem = "privateKey=-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\nabcdef\n-----END RSA PRIVATE KEY-----"
				+ " and after";

		assertThat(SecretMasking.mask(form)).doesNotContain("old-secret-1", "new-secret-2");
		assertThat(SecretMasking.mask(key)).doesNotContain("wJalrXUtnFEMIK7MDENGbPxRfiCY").contains("AKIAEXAMPLE");
		assertThat(SecretMasking.mask(pem)).doesNotContain("MIIEowIBAAKCAQEA7", "abcdef").endsWith(" and after");
	}

}
