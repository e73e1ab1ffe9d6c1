-- How many times what a user may do has changed: their role, whether they are enabled, their password. A session keeps
-- the number it signed in with; one whose number is behind the user's ends when it is next written. The same
-- statement runs on H2 and PostgreSQL.
ALTER TABLE console_user ADD COLUMN access_version BIGINT DEFAULT 0 NOT NULL;
