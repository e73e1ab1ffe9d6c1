-- The same statements run on H2 and PostgreSQL.

-- The console callback the connection's tokens were issued through (not a secret): GitLab asks for the same
-- redirect_uri at each refresh of a token, and a refresh runs without a browser to take the console's address from.
ALTER TABLE connection ADD COLUMN token_redirect_uri VARCHAR(2048);

-- A GitLab project's full name is its whole path, groups and subgroups included (group/subgroup/name).
ALTER TABLE repository_link ALTER COLUMN repository SET DATA TYPE VARCHAR(255);
