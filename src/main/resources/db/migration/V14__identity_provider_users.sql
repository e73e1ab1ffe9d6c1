-- The same statements run on H2 and PostgreSQL.

-- A user who signs in through the company's identity provider (OpenID Connect): the provider's id in the console's
-- configuration and the subject (sub) it gave them; both null for a user with a password. Such a user is found by
-- these two only, never by name or e-mail; their password hash is of a random secret nobody holds.
ALTER TABLE console_user ADD COLUMN identity_provider VARCHAR(64);
ALTER TABLE console_user ADD COLUMN subject VARCHAR(255);
CREATE UNIQUE INDEX console_user_subject_uq ON console_user (identity_provider, subject);

-- The states of identity providers' answers already taken (their SHA-256, hex): each sign-in request is answered once,
-- whatever its browser still holds. Rows older than the ten minutes a sign-in request lives are removed.
CREATE TABLE spent_sign_in_state (
    state_hash CHAR(64) NOT NULL,
    spent_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT spent_sign_in_state_pk PRIMARY KEY (state_hash)
);

CREATE INDEX spent_sign_in_state_spent_idx ON spent_sign_in_state (spent_at);
