package io.connectionsconsole.link;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.error.NotFoundException;
import io.connectionsconsole.provider.RepoName;
import io.connectionsconsole.support.HandshakeTest;
import io.connectionsconsole.support.HandshakeTestBase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;

/** A token made for a link that another request deletes at the same moment: the link is not found, nothing is stored. */
@HandshakeTest
class LinkDeletedMeanwhileTest extends HandshakeTestBase {

	@Autowired
	RepositoryLinkService links;

	@MockitoSpyBean
	RepositoryLinkRepository repository;

	@Test
	void aTokenForALinkDeletedWhileItWasMadeIsRefusedAsNotFound() throws Exception {
		Connection connection = availableConnection("gh-deleted-meanwhile", ProviderType.GITHUB);
		fake.github().branches("octo/gone-meanwhile", List.of("main"));
		RepositoryLink link = links.create(caller, connection.id(), RepoName.parse("octo/gone-meanwhile"));
		doAnswer((invocation) -> {
			// the other request's delete, committed just before this one takes the link's lock
			jdbc.sql("DELETE FROM repository_link WHERE id = :id").param("id", link.id()).update();
			return invocation.callRealMethod();
		}).when(repository).lock(anyString());

		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> links.createToken(caller, link.id(), "ci", 7))
			.withMessageContaining(link.id());
		assertThat(jdbc.sql("SELECT COUNT(*) FROM link_token WHERE link_id = :id")
			.param("id", link.id())
			.query(Long.class)
			.single()).isZero();
	}

}
