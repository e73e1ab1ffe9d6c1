-- The same statements run on H2 and PostgreSQL.

-- A repository of a connection that something outside the console (a CI runner, a deployer) reads through it: the
-- console's Git-over-HTTPS path forwards a clone of that one repository to the provider with the connection's token.
CREATE TABLE repository_link (
    id            CHAR(32)     NOT NULL,
    connection_id CHAR(32)     NOT NULL,
    account_id    VARCHAR(12)  NOT NULL,
    -- owner/name at the provider
    repository    VARCHAR(201) NOT NULL,
    created_by    VARCHAR(64)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT repository_link_pk PRIMARY KEY (id),
    CONSTRAINT repository_link_connection_fk FOREIGN KEY (connection_id) REFERENCES connection (id),
    CONSTRAINT repository_link_account_fk FOREIGN KEY (account_id) REFERENCES account (id),
    CONSTRAINT repository_link_repository_uq UNIQUE (connection_id, repository)
);

-- What a CI runner holds to clone a link's repository: only the SHA-256 (hex) of its secret is kept.
CREATE TABLE link_token (
    id             CHAR(32)     NOT NULL,
    link_id        CHAR(32)     NOT NULL,
    name           VARCHAR(64)  NOT NULL,
    token_hash     CHAR(64)     NOT NULL,
    created_by     VARCHAR(64)  NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at     TIMESTAMP WITH TIME ZONE,
    last_used_at   TIMESTAMP WITH TIME ZONE,
    last_used_from VARCHAR(64),
    CONSTRAINT link_token_pk PRIMARY KEY (id),
    CONSTRAINT link_token_link_fk FOREIGN KEY (link_id) REFERENCES repository_link (id) ON DELETE CASCADE,
    CONSTRAINT link_token_hash_uq UNIQUE (token_hash)
);

CREATE INDEX link_token_link_idx ON link_token (link_id);

-- When a clone last went through one of the connection's links: the Connected accounts table's "Last used".
ALTER TABLE connection ADD COLUMN last_used_at TIMESTAMP WITH TIME ZONE;
