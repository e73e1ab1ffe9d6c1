-- The same statements run on H2 and PostgreSQL.

-- GitHub App mode: a handshake whose user has authorized the app and now chooses the installation the connection
-- reads through (one of theirs, or one they install). Keyed by a one-time id that also travels as the install page's
-- state; it keeps the user's tokens encrypted, like a connection's, until the choice completes the handshake. Rows
-- older than ten minutes are expired and removed.
CREATE TABLE installation_choice (
    id                    VARCHAR(128)  NOT NULL,
    connection_id         CHAR(32)      NOT NULL,
    kind                  VARCHAR(24)   NOT NULL,
    account_id            VARCHAR(12)   NOT NULL,
    user_id               BIGINT        NOT NULL,
    region                VARCHAR(32)   NOT NULL,
    provider_login        VARCHAR(255)  NOT NULL,
    provider_display_name VARCHAR(255),
    provider_url          VARCHAR(1024),
    access_token          VARCHAR(4096) NOT NULL,
    refresh_token         VARCHAR(4096),
    token_expires_at      TIMESTAMP WITH TIME ZONE,
    link_hash             CHAR(64),
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT installation_choice_pk PRIMARY KEY (id),
    CONSTRAINT installation_choice_connection_fk FOREIGN KEY (connection_id) REFERENCES connection (id),
    CONSTRAINT installation_choice_user_fk FOREIGN KEY (user_id) REFERENCES console_user (id)
);

CREATE INDEX installation_choice_created_idx ON installation_choice (created_at);

-- Whether an installation is on a user or an organization ('User', 'Organization'), as GitHub says: where its owner
-- changes it differs.
ALTER TABLE github_installation ADD COLUMN account_type VARCHAR(16);
