-- The same statements run on H2 and PostgreSQL.

-- A team's own Git server (GitHub Enterprise Server or GitLab self-managed), set up once by an administrator of the
-- account in a Region, with the OAuth application registered on that server. The client secret is sealed under
-- console.token-key; the CA certificate (PEM) is public. live_name works as the connection's: the name is unique among
-- the Region's live hosts, and a deleted host is kept as history.
CREATE TABLE host (
    id             CHAR(32)      NOT NULL,
    account_id     VARCHAR(12)   NOT NULL,
    region         VARCHAR(32)   NOT NULL,
    name           VARCHAR(64)   NOT NULL,
    live_name      VARCHAR(64),
    provider_type  VARCHAR(32)   NOT NULL,
    url            VARCHAR(1024) NOT NULL,
    for_testing    BOOLEAN       NOT NULL,
    client_id      VARCHAR(255)  NOT NULL,
    client_secret  VARCHAR(4096) NOT NULL,
    ca_certificate VARCHAR(16384),
    status         VARCHAR(16)   NOT NULL,
    status_reason  VARCHAR(1024),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    checked_at     TIMESTAMP WITH TIME ZONE,
    deleted_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT host_pk PRIMARY KEY (id),
    CONSTRAINT host_account_fk FOREIGN KEY (account_id) REFERENCES account (id),
    CONSTRAINT host_status_ck CHECK (status IN ('PENDING', 'AVAILABLE', 'ERROR', 'DELETED')),
    CONSTRAINT host_type_ck CHECK (provider_type IN ('GITHUB_ENTERPRISE_SERVER', 'GITLAB_SELF_MANAGED')),
    CONSTRAINT host_live_ck CHECK ((status = 'DELETED' AND live_name IS NULL)
                                OR (status <> 'DELETED' AND live_name = name))
);

CREATE UNIQUE INDEX host_live_name_uq ON host (account_id, region, live_name);

-- The host a connection reaches its provider through; null for the cloud providers.
ALTER TABLE connection ADD COLUMN host_id CHAR(32);
ALTER TABLE connection ADD CONSTRAINT connection_host_fk FOREIGN KEY (host_id) REFERENCES host (id);
CREATE INDEX connection_host_idx ON connection (host_id);

-- A host's connections start their handshakes with the registration host-{host id}.
ALTER TABLE pending_handshake ALTER COLUMN registration_id SET DATA TYPE VARCHAR(64);
