-- The same statements run on H2 and PostgreSQL.

-- How many repositories a GitHub App installation grants, as last read from GitHub (its repository listing, then
-- adjusted by its installation_repositories webhooks); null until read.
ALTER TABLE github_installation ADD COLUMN repository_count INTEGER;
