-- User names are unique whatever their case: 'Admin' can't be added beside 'admin', and either signs in as the one
-- user. H2 has no index over an expression, so the lower-cased name is a column of its own, which the CHECK keeps equal
-- to LOWER(username). The same statements run on H2 and PostgreSQL. On a database that already holds two names that
-- differ by case alone, the unique index fails and the console does not start: rename one of the two users first.
ALTER TABLE console_user ADD COLUMN username_lower VARCHAR(64);
UPDATE console_user SET username_lower = LOWER(username);
ALTER TABLE console_user ALTER COLUMN username_lower SET NOT NULL;
ALTER TABLE console_user ADD CONSTRAINT console_user_username_lower_ck CHECK (username_lower = LOWER(username));

-- Serves the name rule and every sign-in's look-up.
CREATE UNIQUE INDEX console_user_username_lower_uq ON console_user (username_lower);
