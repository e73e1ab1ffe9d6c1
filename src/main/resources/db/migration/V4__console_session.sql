-- The console's own session store in place of Spring Session JDBC's tables, which held each session ID in plain
-- text. The same statements run on H2 and PostgreSQL. Signed-in users sign in again once.

DROP TABLE spring_session_attributes;
DROP TABLE spring_session;

-- One row a session, keyed by the SHA-256 of its ID (hex): the ID is a bearer secret and is never stored.
-- version counts the changes to the attributes, so that an instance can tell whether the copy it holds is current;
-- the last access time is written at most once a minute.
CREATE TABLE console_session (
    id_hash              CHAR(64)     NOT NULL,
    version              BIGINT       NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    last_accessed_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    max_inactive_seconds INTEGER      NOT NULL,
    expires_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    -- every attribute, each Java-serialized on its own, so that a change merges per attribute
    attributes           BYTEA        NOT NULL,
    CONSTRAINT console_session_pk PRIMARY KEY (id_hash)
);

-- The cleanup removes expired sessions by expiry time.
CREATE INDEX console_session_expires_idx ON console_session (expires_at);
