package io.connectionsconsole.host;

/**
 * The kinds of self-managed Git server a host names, with CodeConnections' names for them
 * ({@code GitHubEnterpriseServer}, {@code GitLabSelfManaged}) and where each says what it is.
 */
public enum HostType {

	GITHUB_ENTERPRISE_SERVER("GitHub Enterprise Server", "GitHubEnterpriseServer"),

	GITLAB_SELF_MANAGED("GitLab self-managed", "GitLabSelfManaged");

	private final String displayName;

	private final String awsName;

	HostType(String displayName, String awsName) {
		this.displayName = displayName;
		this.awsName = awsName;
	}

	public String displayName() {
		return displayName;
	}

	public String awsName() {
		return awsName;
	}

}
