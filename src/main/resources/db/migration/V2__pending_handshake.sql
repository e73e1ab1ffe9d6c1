-- The same statements run on H2 and PostgreSQL.

-- A handshake sent to the provider and not yet answered, keyed by its one-time OAuth2 state. It lives in the
-- database rather than the session so that any console instance can take the provider's callback. A row is
-- deleted when its callback is taken; rows older than ten minutes are expired and removed.
CREATE TABLE pending_handshake (
    state           VARCHAR(128)  NOT NULL,
    connection_id   CHAR(32)      NOT NULL,
    account_id      VARCHAR(12)   NOT NULL,
    user_id         BIGINT        NOT NULL,
    registration_id VARCHAR(32)   NOT NULL,
    region          VARCHAR(32)   NOT NULL,
    redirect_uri    VARCHAR(1024) NOT NULL,
    -- the PKCE code_verifier, encrypted like the tokens; NULL when the registration sends no PKCE
    code_verifier   VARCHAR(512),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pending_handshake_pk PRIMARY KEY (state),
    CONSTRAINT pending_handshake_connection_fk FOREIGN KEY (connection_id) REFERENCES connection (id),
    CONSTRAINT pending_handshake_user_fk FOREIGN KEY (user_id) REFERENCES console_user (id)
);

-- Expiry removes old rows by age.
CREATE INDEX pending_handshake_created_idx ON pending_handshake (created_at);
