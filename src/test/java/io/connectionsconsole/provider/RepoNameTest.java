package io.connectionsconsole.provider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.connectionsconsole.error.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Repository names as the providers make them, and nothing that could step out of a provider URL. */
class RepoNameTest {

	@Test
	void anOwnerAndANameAreAFullName() {
		RepoName name = RepoName.parse("octo-org/widgets.js");

		assertThat(name.owner()).isEqualTo("octo-org");
		assertThat(name.name()).isEqualTo("widgets.js");
		assertThat(name.fullName()).isEqualTo("octo-org/widgets.js");
	}

	@Test
	void aGitLabProjectsGroupsAreItsOwner() {
		RepoName name = RepoName.parse("lab-team/platform/ci_tools/runner");

		assertThat(name.owner()).isEqualTo("lab-team/platform/ci_tools");
		assertThat(name.name()).isEqualTo("runner");
		assertThat(name.fullName()).isEqualTo("lab-team/platform/ci_tools/runner");
	}

	@Test
	void twentyLevelsOfGroupsAreTheMost() {
		String groups = "g/".repeat(20);

		assertThat(RepoName.parse(groups + "name").owner()).isEqualTo(groups.substring(0, groups.length() - 1));
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> RepoName.parse("g/" + groups + "name"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "name", "owner/", "/name", "owner//name", "owner/../name", "../name", "owner/..",
			"group/./name", "owner/na me", "owner/name?x=1", "owner/name#x", "owner\\name", "owner/name\nother/x",
			"owner/na%2Fme" })
	void anythingElseIsRefusedSayingWhatANameIs(String fullName) {
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> RepoName.parse(fullName))
			.withMessageContaining("is not a repository name")
			.withMessageContaining("group/subgroup/name");
	}

	@Test
	void aNameLongerThanTheColumnIsRefused() {
		String longest = "a".repeat(100) + "/" + "b".repeat(100) + "/" + "c".repeat(53);
		assertThat(longest).hasSize(RepoName.MAX_LENGTH);

		assertThat(RepoName.parse(longest).fullName()).isEqualTo(longest);
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> RepoName.parse(longest + "c"));
	}

}
