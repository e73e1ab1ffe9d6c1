package io.connectionsconsole.api;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apprunner.AppRunnerClient;
import software.amazon.awssdk.services.apprunner.model.AppRunnerException;
import software.amazon.awssdk.services.apprunner.model.Connection;
import software.amazon.awssdk.services.apprunner.model.ConnectionStatus;
import software.amazon.awssdk.services.apprunner.model.ConnectionSummary;
import software.amazon.awssdk.services.apprunner.model.CreateConnectionResponse;
import software.amazon.awssdk.services.apprunner.model.InternalServiceErrorException;
import software.amazon.awssdk.services.apprunner.model.InvalidRequestException;
import software.amazon.awssdk.services.apprunner.model.ListConnectionsResponse;
import software.amazon.awssdk.services.apprunner.model.ProviderType;
import software.amazon.awssdk.services.apprunner.model.ResourceNotFoundException;
import software.amazon.awssdk.services.apprunner.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.apprunner.model.Tag;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import io.connectionsconsole.account.AccessKeyService;
import io.connectionsconsole.account.AccountRepository;
import io.connectionsconsole.account.Caller;
import io.connectionsconsole.account.NewAccessKey;
import io.connectionsconsole.account.Role;
import io.connectionsconsole.account.UserService;
import io.connectionsconsole.audit.AuditLog;
import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;

/** The real AWS SDK for Java v2 App Runner client against the console: every operation, error and page. */
@ConsoleTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiAwsSdkTest {

	static final String BOOTSTRAP_KEY_ID = "AKIATESTBOOTSTRAP001";

	static final String BOOTSTRAP_SECRET = "bootstrapSecretKeyForTestsOnly0123456789";

	@LocalServerPort
	int port;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	AccessKeyService accessKeys;

	@Autowired
	AccountRepository accounts;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@MockitoSpyBean
	AuditLog audit;

	AppRunnerClients clients;

	Caller admin;

	AppRunnerClient east;

	@BeforeEach
	void setUp() {
		clients = new AppRunnerClients(port);
		admin = testAccounts.newAdmin();
		east = clientOf(admin, "us-east-1");
	}

	@AfterEach
	void tearDown() {
		clients.close();
	}

	private AppRunnerClient clientOf(Caller caller, String region) {
		NewAccessKey key = accessKeys.list(caller).isEmpty() ? accessKeys.create(caller) : null;
		if (key == null) {
			throw new IllegalStateException("one key per test user: create the client once and keep it");
		}
		return clients.signedWith(key.id(), key.secret(), region);
	}

	private AppRunnerClient otherRegion(AppRunnerClient client, String region) {
		var credentials = client.serviceClientConfiguration().credentialsProvider().resolveIdentity().join();
		return clients.signedWith(credentials.accessKeyId(), credentials.secretAccessKey(), region);
	}

	private static Connection create(AppRunnerClient client, String name) {
		return client.createConnection((r) -> r.connectionName(name).providerType(ProviderType.GITHUB)).connection();
	}

	private static List<String> names(AppRunnerClient client) {
		return client.listConnections((r) -> { }).connectionSummaryList().stream().map(ConnectionSummary::connectionName)
			.toList();
	}

	@Test
	void createConnectionAnswersWithThePendingConnectionItsArnAndCreationTime() {
		Instant before = Instant.now().minusSeconds(1);

		CreateConnectionResponse response = east.createConnection((r) -> r.connectionName("my-github")
			.providerType(ProviderType.GITHUB)
			.tags(Tag.builder().key("team").value("web").build(), Tag.builder().key("empty").build()));

		Connection connection = response.connection();
		assertThat(connection.connectionName()).isEqualTo("my-github");
		assertThat(connection.connectionArn())
			.matches("arn:aws:apprunner:us-east-1:" + admin.accountId() + ":connection/my-github/[0-9a-f]{32}");
		assertThat(connection.providerType()).isEqualTo(ProviderType.GITHUB);
		assertThat(connection.status()).isEqualTo(ConnectionStatus.PENDING_HANDSHAKE);
		assertThat(connection.createdAt()).isBetween(before, Instant.now().plusSeconds(1));
		assertThat(response.responseMetadata().requestId()).isNotBlank();
		assertThat(east.listTagsForResource((r) -> r.resourceArn(connection.connectionArn())).tags())
			.containsExactly(Tag.builder().key("empty").value("").build(), Tag.builder().key("team").value("web").build());
	}

	@Test
	void listConnectionsShowsTheSignedRegionsConnectionsInNameOrderAndFiltersByName() {
		create(east, "zeta-conn");
		east.createConnection((r) -> r.connectionName("alpha-conn").providerType(ProviderType.BITBUCKET));
		create(otherRegion(east, "eu-west-1"), "west-conn");

		ListConnectionsResponse all = east.listConnections((r) -> { });
		assertThat(all.connectionSummaryList()).extracting(ConnectionSummary::connectionName)
			.containsExactly("alpha-conn", "zeta-conn");
		assertThat(all.connectionSummaryList().get(0).providerType()).isEqualTo(ProviderType.BITBUCKET);
		assertThat(all.nextToken()).isNull();
		assertThat(east.listConnections((r) -> r.connectionName("zeta-conn")).connectionSummaryList())
			.extracting(ConnectionSummary::connectionName)
			.containsExactly("zeta-conn");
		assertThat(names(otherRegion(east, "eu-west-1"))).containsExactly("west-conn");
	}

	@Test
	void deleteConnectionAnswersWithTheDeletedConnectionAndFreesItsName() {
		Connection connection = create(east, "short-lived");

		Connection deleted = east.deleteConnection((r) -> r.connectionArn(connection.connectionArn())).connection();

		assertThat(deleted.status()).isEqualTo(ConnectionStatus.DELETED);
		assertThat(deleted.connectionArn()).isEqualTo(connection.connectionArn());
		assertThat(names(east)).isEmpty();
		assertThat(create(east, "short-lived").connectionArn()).isNotEqualTo(connection.connectionArn());
		assertThatThrownBy(() -> east.deleteConnection((r) -> r.connectionArn(connection.connectionArn())))
			.isInstanceOf(ResourceNotFoundException.class);
	}

	@Test
	void tagResourceAddsAndReplacesTagsAndUntagResourceRemovesThem() {
		String arn = create(east, "tagged-conn").connectionArn();

		east.tagResource((r) -> r.resourceArn(arn).tags(Tag.builder().key("env").value("test").build(),
				Tag.builder().key("team").value("web").build()));
		east.tagResource((r) -> r.resourceArn(arn).tags(Tag.builder().key("env").value("prod").build()));
		east.untagResource((r) -> r.resourceArn(arn).tagKeys("team", "not-there"));

		assertThat(east.listTagsForResource((r) -> r.resourceArn(arn)).tags())
			.containsExactly(Tag.builder().key("env").value("prod").build());
	}

	@Test
	void fiftyTagsOfTheLongestKeysAreTaggedAndUntaggedInOneCallEach() {
		String arn = create(east, "many-tags").connectionArn();
		List<Tag> longest = IntStream.range(0, 50)
			.mapToObj((i) -> Tag.builder().key("%02d".formatted(i) + "k".repeat(126)).value("v".repeat(256)).build())
			.toList();

		east.tagResource((r) -> r.resourceArn(arn).tags(longest));
		assertThat(east.listTagsForResource((r) -> r.resourceArn(arn)).tags()).hasSize(50);
		east.untagResource((r) -> r.resourceArn(arn).tagKeys(longest.stream().map(Tag::key).toList()));

		assertThat(east.listTagsForResource((r) -> r.resourceArn(arn)).tags()).isEmpty();
	}

	/** App Runner counts a tag's length in characters: an emoji is one, though Java and H2 count it as two. */
	@Test
	void tagsOfTheLongestKeysAndValuesInEmojiAreStoredWhole() {
		String arn = create(east, "emoji-tags").connectionArn();
		Tag longest = Tag.builder().key("\uD83D\uDE00".repeat(128)).value("\uD83C\uDF89".repeat(256)).build();

		east.tagResource((r) -> r.resourceArn(arn).tags(longest));

		assertThat(east.listTagsForResource((r) -> r.resourceArn(arn)).tags()).containsExactly(longest);
	}

	@Test
	void gitLabIsAProviderTypeTheSdkPassesThroughUnknownToItsModel() {
		Connection created = east.createConnection((r) -> r.connectionName("lab-conn").providerType("GITLAB"))
			.connection();

		assertThat(created.providerTypeAsString()).isEqualTo("GITLAB");
		assertThat(created.providerType()).isEqualTo(ProviderType.UNKNOWN_TO_SDK_VERSION);
		assertThat(created.status()).isEqualTo(ConnectionStatus.PENDING_HANDSHAKE);
		assertThat(east.listConnections((r) -> r.connectionName("lab-conn")).connectionSummaryList())
			.extracting(ConnectionSummary::providerTypeAsString)
			.containsExactly("GITLAB");
	}

	@Test
	void eachBrokenModelConstraintIsAnInvalidRequestNamingTheMemberAndStoresNothing() {
		assertInvalid(() -> create(east, "abc"), "ConnectionName", "4 to 32 characters");
		assertInvalid(() -> create(east, "-starts-with-hyphen"), "ConnectionName", "only letters, digits");
		assertInvalid(() -> create(east, "x".repeat(33)), "ConnectionName", "4 to 32 characters");
		assertInvalid(() -> east.createConnection((r) -> r.connectionName("codecommit-conn").providerType("CODECOMMIT")),
				"ProviderType", "GITHUB, BITBUCKET, GITLAB");
		assertInvalid(() -> east.createConnection((r) -> r.connectionName("tagged-conn")
			.providerType(ProviderType.GITHUB)
			.tags(Tag.builder().key("aws:owner").value("me").build())), "Tags", "reserved");
		assertInvalid(() -> east.createConnection((r) -> r.connectionName("tagged-conn")
			.providerType(ProviderType.GITHUB)
			.tags(Tag.builder().key("k".repeat(129)).value("v").build())), "Tags", "at most 128");
		assertInvalid(() -> east.createConnection((r) -> r.connectionName("tagged-conn")
			.providerType(ProviderType.GITHUB)
			.tags(Tag.builder().key("k").value("v".repeat(257)).build())), "Tags", "at most 256");
		assertInvalid(() -> east.createConnection((r) -> r.connectionName("tagged-conn")
			.providerType(ProviderType.GITHUB)
			.tags(IntStream.range(0, 51).mapToObj((i) -> Tag.builder().key("k" + i).value("v").build()).toList())),
				"Tags", "at most 50 tags");
		assertInvalid(() -> east.listConnections((r) -> r.maxResults(0)), "MaxResults", "from 1 to 100");
		assertInvalid(() -> east.listConnections((r) -> r.maxResults(101)), "MaxResults", "from 1 to 100");
		assertInvalid(() -> east.listConnections((r) -> r.connectionName("no")), "ConnectionName", "4 to 32");
		assertInvalid(() -> east.listTagsForResource((r) -> r.resourceArn("not-an-arn")), "ResourceArn",
				"is not a connection ARN");
		assertInvalid(() -> east.deleteConnection((r) -> r.connectionArn("arn:aws:apprunner:us-east-1:"
				+ admin.accountId() + ":connection/my.conn/0123456789abcdef0123456789abcdef")), "ConnectionArn",
				"has an invalid name");

		assertThat(names(east)).isEmpty();
	}

	@Test
	void untaggingAReservedOrOverlongKeyIsAnInvalidRequestAndKeepsTheTags() {
		String arn = create(east, "keeps-tags").connectionArn();
		east.tagResource((r) -> r.resourceArn(arn).tags(Tag.builder().key("team").value("web").build()));

		assertInvalid(() -> east.untagResource((r) -> r.resourceArn(arn).tagKeys("team", "aws:created")), "TagKeys",
				"reserved");
		assertInvalid(() -> east.untagResource((r) -> r.resourceArn(arn).tagKeys("team", "k".repeat(129))), "TagKeys",
				"at most 128");

		assertThat(east.listTagsForResource((r) -> r.resourceArn(arn)).tags()).hasSize(1);
	}

	@Test
	void aTagWithAControlCharacterIsAnInvalidRequestNamingTheTagAndStoresNothing() {
		assertInvalid(() -> east.createConnection((r) -> r.connectionName("tagged-conn")
			.providerType(ProviderType.GITHUB)
			.tags(Tag.builder().key("team").value("web\r\nx").build())), "Tags", "tag 'team' contains the control");
		String arn = create(east, "tag-target").connectionArn();
		assertInvalid(() -> east.tagResource((r) -> r.resourceArn(arn)
			.tags(Tag.builder().key("ok").value("fine").build(), Tag.builder().key("be\u0007ll").value("").build())),
				"Tags", "Tag key 'be\\u0007ll' contains the control character U+0007");
		assertInvalid(() -> east.untagResource((r) -> r.resourceArn(arn).tagKeys("nul\u0000")), "TagKeys",
				"U+0000");

		assertThat(names(east)).containsExactly("tag-target");
		assertThat(east.listTagsForResource((r) -> r.resourceArn(arn)).tags()).isEmpty();
	}

	@Test
	void aTagKeyWithAnInvisibleFormatCharacterIsAnInvalidRequestWritingItAsAnEscapeAndStoresNothing() {
		assertInvalid(() -> east.createConnection((r) -> r.connectionName("zero-width")
			.providerType(ProviderType.GITHUB)
			.tags(Tag.builder().key("te\u200Bam").value("web").build())), "Tags",
				"Tag key 'te\\u200Bam' contains the invisible formatting character U+200B at position 3");
		String arn = create(east, "zero-width-target").connectionArn();
		assertInvalid(() -> east.tagResource((r) -> r.resourceArn(arn)
			.tags(Tag.builder().key("\uFEFFteam").value("web").build())), "Tags", "'\\uFEFFteam'");

		assertThat(names(east)).containsExactly("zero-width-target");
		assertThat(east.listTagsForResource((r) -> r.resourceArn(arn)).tags()).isEmpty();
	}

	@Test
	void aTagStoredBeforeARuleItBreaksIsListedAndCanBeRemoved() {
		Connection created = create(east, "stored-before");
		String id = created.connectionArn().substring(created.connectionArn().lastIndexOf('/') + 1);
		// a key with a zero-width space, which the console took before tag keys had to be visible
		jdbc.sql("INSERT INTO connection_tag (connection_id, tag_key, tag_value) VALUES (:id, :key, 'x')")
			.param("id", id)
			.param("key", "team\u200B")
			.update();

		assertThat(east.listTagsForResource((r) -> r.resourceArn(created.connectionArn())).tags())
			.containsExactly(Tag.builder().key("team\u200B").value("x").build());
		east.tagResource((r) -> r.resourceArn(created.connectionArn()).tags(Tag.builder().key("env").value("prod").build()));
		east.untagResource((r) -> r.resourceArn(created.connectionArn()).tagKeys("team\u200B"));

		assertThat(east.listTagsForResource((r) -> r.resourceArn(created.connectionArn())).tags())
			.containsExactly(Tag.builder().key("env").value("prod").build());
	}

	@Test
	void aTagWithHalfASurrogatePairIsAnInvalidRequestAndStoresNothing() {
		// A hand-made body: JSON allows "\ud800" on its own. UTF-8 can't carry it, so PostgreSQL's driver would have
		// stored both keys below as one "k?".
		String arn = create(east, "surrogate-target").connectionArn();
		var credentials = east.serviceClientConfiguration().credentialsProvider().resolveIdentity().join();
		SignedRequests requests = new SignedRequests(port);
		String body = "{\"ResourceArn\":\"" + arn + "\",\"Tags\":[{\"Key\":\"k\\ud800\",\"Value\":\"a\"},"
				+ "{\"Key\":\"k\\udbff\",\"Value\":\"b\"}]}";
		var response = requests.send(requests.sdkSigned("AppRunner.TagResource", body, new SignedRequests.Signing(
				credentials.accessKeyId(), credentials.secretAccessKey(), "us-east-1", "apprunner", Instant.now())), body);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"__type\":\"InvalidRequestException\"")
			.contains("Tag key 'k\\\\uD800' contains U+D800 at position 2");
		assertThat(east.listTagsForResource((r) -> r.resourceArn(arn)).tags()).isEmpty();
	}

	@Test
	void aDisabledUsersKeyIsRefusedAtOnceAndWorksAgainOnceTheUserIsEnabled() {
		Caller colleague = testAccounts.newUser(admin.accountId(), Role.ADMIN);
		AppRunnerClient theirs = clientOf(colleague, "us-east-1");
		create(theirs, "made-before");

		users.disable(admin, colleague.userId());

		assertAwsError(() -> names(theirs), 403, "UnrecognizedClientException");
		assertAwsError(() -> create(theirs, "made-while-disabled"), 403, "UnrecognizedClientException");

		users.enable(admin, colleague.userId());

		assertThat(names(theirs)).containsExactly("made-before");
	}

	@Test
	void aSecondConnectionWithTheSameNameInTheRegionIsAnInvalidRequest() {
		create(east, "only-once");

		assertInvalid(() -> create(east, "only-once"), "ConnectionName", "already exists in us-east-1");
		assertThat(create(otherRegion(east, "us-west-2"), "only-once").connectionArn()).contains(":us-west-2:");
	}

	@Test
	void anAppRunnerArnOfAnotherKindIsNotFoundAndSaysWhy() {
		String service = "arn:aws:apprunner:us-east-1:" + admin.accountId()
				+ ":service/my-service/0123456789abcdef0123456789abcdef";
		String upperCaseId = "arn:aws:apprunner:us-east-1:" + admin.accountId()
				+ ":connection/my-conn/0123456789ABCDEF0123456789ABCDEF";
		String china = "arn:aws-cn:apprunner:cn-north-1:" + admin.accountId()
				+ ":connection/my-conn/0123456789abcdef0123456789abcdef";
		create(east, "stays-here");

		assertThatThrownBy(() -> east.deleteConnection((r) -> r.connectionArn(service)))
			.isInstanceOf(ResourceNotFoundException.class)
			.hasMessageContaining("its resource is not connection/{name}/{id}");
		assertThatThrownBy(() -> east.listTagsForResource((r) -> r.resourceArn(service)))
			.isInstanceOf(ResourceNotFoundException.class)
			.hasMessageContaining("ResourceArn '" + service + "' is not a connection ARN");
		assertThatThrownBy(() -> east.tagResource((r) -> r.resourceArn(upperCaseId)
			.tags(Tag.builder().key("k").value("v").build())))
			.isInstanceOf(ResourceNotFoundException.class)
			.hasMessageContaining("is not 32 lower-case hexadecimal digits");
		assertThatThrownBy(() -> east.untagResource((r) -> r.resourceArn(china).tagKeys("k")))
			.isInstanceOf(ResourceNotFoundException.class)
			.hasMessageContaining("its partition is 'aws-cn', not aws");
		// the other members are validated first, as App Runner does
		assertInvalid(() -> east.untagResource((r) -> r.resourceArn(service).tagKeys("aws:created")), "TagKeys",
				"reserved");
		assertInvalid(() -> east.tagResource((r) -> r.resourceArn(service)
			.tags(Tag.builder().key("k").value("v".repeat(257)).build())), "Tags", "at most 256");
		assertThat(names(east)).containsExactly("stays-here");
	}

	@Test
	void anArnOfAnotherAccountOrAnotherRegionIsNotFound() {
		String arn = create(east, "mine-only").connectionArn();
		AppRunnerClient stranger = clientOf(testAccounts.newAdmin(), "us-east-1");
		AppRunnerClient west = otherRegion(east, "eu-west-1");

		assertThatThrownBy(() -> stranger.deleteConnection((r) -> r.connectionArn(arn)))
			.isInstanceOf(ResourceNotFoundException.class)
			.hasMessageContaining("was not found");
		assertThatThrownBy(() -> stranger.listTagsForResource((r) -> r.resourceArn(arn)))
			.isInstanceOf(ResourceNotFoundException.class);
		assertThatThrownBy(() -> west.deleteConnection((r) -> r.connectionArn(arn)))
			.isInstanceOf(ResourceNotFoundException.class);
		assertThatThrownBy(() -> west.tagResource((r) -> r.resourceArn(arn).tags(Tag.builder().key("k").build())))
			.isInstanceOf(ResourceNotFoundException.class);
		assertThat(names(east)).containsExactly("mine-only");
	}

	@Test
	void creatingPastTheQuotaIsAServiceQuotaExceededNamingTheQuota() {
		accounts.setConnectionQuota(admin.accountId(), 1);
		create(east, "the-only-one");

		assertThatThrownBy(() -> create(east, "one-too-many")).isInstanceOf(ServiceQuotaExceededException.class)
			.hasMessageContaining("Connections per Region")
			.hasMessageContaining("of 1 connection in us-east-1")
			.satisfies((ex) -> assertThat(((AppRunnerException) ex).statusCode()).isEqualTo(400));
		assertThat(names(east)).containsExactly("the-only-one");
	}

	@Test
	void anUnexpectedFailureIsAnInternalServiceErrorAndLeavesNothingHalfWritten() {
		doThrow(new IllegalStateException("audit trail unavailable")).when(audit)
			.record(any(), any(), eq("CreateConnection"), any(), any());

		assertThatThrownBy(() -> east.createConnection((r) -> r.connectionName("half-written")
			.providerType(ProviderType.GITHUB)
			.tags(Tag.builder().key("team").value("web").build()))).isInstanceOf(InternalServiceErrorException.class)
			.satisfies((ex) -> assertThat(((AppRunnerException) ex).statusCode()).isEqualTo(500))
			.hasMessageNotContaining("audit trail unavailable");

		assertThat(names(east)).isEmpty();
	}

	@Test
	void readOnlyUsersListButAreDeniedEveryWrite() {
		String arn = create(east, "look-only").connectionArn();
		AppRunnerClient reader = clientOf(testAccounts.newUser(admin.accountId(), Role.READ_ONLY), "us-east-1");

		assertThat(names(reader)).containsExactly("look-only");
		assertThat(reader.listTagsForResource((r) -> r.resourceArn(arn)).tags()).isEmpty();
		assertAccessDenied(() -> create(reader, "sneaky-conn"));
		assertAccessDenied(() -> reader.deleteConnection((r) -> r.connectionArn(arn)));
		assertAccessDenied(() -> reader.tagResource((r) -> r.resourceArn(arn).tags(Tag.builder().key("k").build())));
		assertAccessDenied(() -> reader.untagResource((r) -> r.resourceArn(arn).tagKeys("k")));
		// denied before its input is read, as AWS authorizes a call first
		assertAccessDenied(() -> reader.createConnection((r) -> r.connectionName("x").providerType("GITHUB")));
		assertAccessDenied(() -> reader.tagResource((r) -> r.resourceArn(arn).tags(Tag.builder().key(" ").build())));
		assertAccessDenied(() -> reader.deleteConnection((r) -> r.connectionArn(arn.replace("us-east-1", "eu-west-1"))));
		assertThat(names(east)).containsExactly("look-only");
	}

	@Test
	void pagesHaveNoDuplicatesOrGapsWhileConnectionsAreCreatedAndDeletedBetweenThem() {
		List<String> arns = new ArrayList<>();
		for (String name : List.of("conn-1", "conn-2", "conn-3", "conn-4", "conn-5")) {
			arns.add(create(east, name).connectionArn());
		}

		ListConnectionsResponse first = east.listConnections((r) -> r.maxResults(2));
		east.deleteConnection((r) -> r.connectionArn(arns.get(0)));
		east.deleteConnection((r) -> r.connectionArn(arns.get(2)));
		create(east, "conn-0");
		create(east, "conn-6");
		ListConnectionsResponse second = east.listConnections((r) -> r.maxResults(2).nextToken(first.nextToken()));
		ListConnectionsResponse third = east.listConnections((r) -> r.maxResults(2).nextToken(second.nextToken()));

		assertThat(first.connectionSummaryList()).extracting(ConnectionSummary::connectionName)
			.containsExactly("conn-1", "conn-2");
		assertThat(second.connectionSummaryList()).extracting(ConnectionSummary::connectionName)
			.containsExactly("conn-4", "conn-5");
		assertThat(third.connectionSummaryList()).extracting(ConnectionSummary::connectionName)
			.containsExactly("conn-6");
		assertThat(third.nextToken()).isNull();
	}

	@Test
	void theSdkPaginatorWalksEveryPageOnce() {
		List<String> created = IntStream.rangeClosed(1, 7).mapToObj((i) -> "page-conn-" + i).toList();
		created.forEach((name) -> create(east, name));

		List<String> walked = east.listConnectionsPaginator((r) -> r.maxResults(3))
			.stream()
			.flatMap((page) -> page.connectionSummaryList().stream())
			.map(ConnectionSummary::connectionName)
			.toList();

		assertThat(walked).containsExactlyElementsOf(created);
		assertThat(east.listConnectionsPaginator((r) -> r.maxResults(3)).stream()).hasSize(3);
	}

	@Test
	void aNextTokenThatIsChangedOrMadeForOtherParametersIsRefused() {
		List.of("tok-conn-1", "tok-conn-2", "tok-conn-3").forEach((name) -> create(east, name));
		String token = east.listConnections((r) -> r.maxResults(1)).nextToken();
		char last = token.charAt(token.length() - 1);
		String changed = token.substring(0, token.length() - 1) + (last == '0' ? '1' : '0');
		AppRunnerClient stranger = clientOf(testAccounts.newAdmin(), "us-east-1");

		assertInvalid(() -> east.listConnections((r) -> r.maxResults(1).nextToken(changed)), "NextToken", "not valid");
		assertInvalid(() -> east.listConnections((r) -> r.maxResults(1).nextToken("not-a-token")), "NextToken",
				"not valid");
		assertInvalid(() -> east.listConnections((r) -> r.maxResults(2).nextToken(token)), "NextToken",
				"other parameters");
		assertInvalid(() -> east.listConnections((r) -> r.connectionName("tok-conn-3").maxResults(1).nextToken(token)),
				"NextToken", "other parameters");
		assertInvalid(() -> otherRegion(east, "eu-west-1").listConnections((r) -> r.maxResults(1).nextToken(token)),
				"NextToken", "returned for Region us-east-1, and this request is for eu-west-1");
		assertInvalid(() -> stranger.listConnections((r) -> r.maxResults(1).nextToken(token)), "NextToken",
				"not valid");
		assertThat(east.listConnections((r) -> r.maxResults(1).nextToken(token)).connectionSummaryList())
			.extracting(ConnectionSummary::connectionName)
			.containsExactly("tok-conn-2");
	}

	@Test
	void theBootstrapKeyOfTheConfigurationWorks() {
		AppRunnerClient bootstrap = clients.signedWith(BOOTSTRAP_KEY_ID, BOOTSTRAP_SECRET, "ap-northeast-1");

		Connection connection = create(bootstrap, "bootstrap-" + Long.toString(System.nanoTime(), 36).substring(0, 8));

		assertThat(connection.connectionArn()).startsWith("arn:aws:apprunner:ap-northeast-1:123456789012:connection/");
		bootstrap.deleteConnection((r) -> r.connectionArn(connection.connectionArn()));
	}

	@Test
	void anEndpointWithAPathIsToldThatTheApiAnswersAtTheConsolesRootAndNothingIsCreated() {
		var credentials = east.serviceClientConfiguration().credentialsProvider().resolveIdentity().join();
		try (AppRunnerClients misdirected = new AppRunnerClients(URI.create("http://localhost:" + port + "/apprunner"))) {
			AppRunnerClient client = misdirected.signedWith(credentials.accessKeyId(), credentials.secretAccessKey(),
					"us-east-1");

			assertAwsError(() -> create(client, "misdirected"), 404, "UnknownOperationException");
			assertThatThrownBy(() -> names(client)).hasMessageContaining("/apprunner")
				.hasMessageContaining("endpoint URL without a path");
		}
		assertThat(names(east)).isEmpty();
	}

	@Test
	void unsignedUnknownAndWronglySignedRequestsAreRefusedWithTheCodesTheSdkKnows() {
		NewAccessKey other = accessKeys.create(testAccounts.newAdmin());

		assertAwsError(() -> names(clients.anonymous("us-east-1")), 403, "MissingAuthenticationTokenException");
		assertAwsError(() -> names(clients.signedWith("AKIAUNKNOWNKEY000000", other.secret(), "us-east-1")), 403,
				"UnrecognizedClientException");
		assertAwsError(() -> names(clients.signedWith(other.id(), other.secret() + "x", "us-east-1")), 403,
				"InvalidSignatureException");
		assertAwsError(() -> names(clients.signedWith(other.id(), other.secret(), "sa-east-1")), 403,
				"InvalidSignatureException");
	}

	@Test
	void aKeyCountsAsUsedOnlyWhenItsSignatureHolds() {
		Caller user = testAccounts.newAdmin();
		NewAccessKey key = accessKeys.create(user);

		assertAwsError(() -> names(clients.signedWith(key.id(), "wrong-secret-wrong-secret", "us-east-1")), 403,
				"InvalidSignatureException");
		assertThat(accessKeys.list(user).get(0).lastUsedAt()).isNull();

		names(clients.signedWith(key.id(), key.secret(), "us-east-1"));
		assertThat(accessKeys.list(user).get(0).lastUsedAt()).isCloseTo(Instant.now(),
				org.assertj.core.api.Assertions.within(Duration.ofMinutes(1)));
	}

	private static void assertInvalid(Runnable call, String member, String detail) {
		assertThatThrownBy(call::run).isInstanceOf(InvalidRequestException.class)
			.hasMessageStartingWith(member)
			.hasMessageContaining(detail)
			.satisfies((ex) -> assertThat(((AppRunnerException) ex).statusCode()).isEqualTo(400));
	}

	private static void assertAccessDenied(Runnable call) {
		assertAwsError(call, 403, "AccessDeniedException");
	}

	private static void assertAwsError(Runnable call, int status, String code) {
		assertThatThrownBy(call::run).isInstanceOf(AppRunnerException.class).satisfies((ex) -> {
			AppRunnerException error = (AppRunnerException) ex;
			assertThat(error.statusCode()).isEqualTo(status);
			assertThat(error.awsErrorDetails().errorCode()).isEqualTo(code);
			assertThat(error.requestId()).isNotBlank();
		});
	}

}
