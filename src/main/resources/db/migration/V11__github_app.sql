-- The same statements run on H2 and PostgreSQL.

-- An installation of the console's GitHub App on a GitHub account (GitHub App mode): what GitHub last said of it,
-- through the handshake or a webhook. One installation serves every connection to its account.
CREATE TABLE github_installation (
    id                   BIGINT       NOT NULL,
    account_login        VARCHAR(100) NOT NULL,
    -- 'all' or 'selected', as GitHub says
    repository_selection VARCHAR(16)  NOT NULL,
    suspended_at         TIMESTAMP WITH TIME ZONE,
    deleted_at           TIMESTAMP WITH TIME ZONE,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT github_installation_pk PRIMARY KEY (id)
);

-- A repository taken out of an installation's selection at GitHub (installation_repositories webhook, removed): links
-- to it refuse clones, saying so, until it is added back.
CREATE TABLE github_removed_repository (
    installation_id BIGINT       NOT NULL,
    -- owner/name, lower case
    repository      VARCHAR(201) NOT NULL,
    removed_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT github_removed_repository_pk PRIMARY KEY (installation_id, repository),
    CONSTRAINT github_removed_repository_installation_fk FOREIGN KEY (installation_id)
        REFERENCES github_installation (id) ON DELETE CASCADE
);

-- Webhook deliveries taken, by GitHub's X-GitHub-Delivery: a redelivery of one changes nothing twice.
CREATE TABLE webhook_delivery (
    id          VARCHAR(64) NOT NULL,
    event       VARCHAR(64) NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT webhook_delivery_pk PRIMARY KEY (id)
);

CREATE INDEX webhook_delivery_received_idx ON webhook_delivery (received_at);

-- The installation a GitHub App connection reads through; null in the OAuth App mode.
ALTER TABLE connection ADD COLUMN installation_id BIGINT;
ALTER TABLE connection ADD CONSTRAINT connection_installation_fk FOREIGN KEY (installation_id)
    REFERENCES github_installation (id);
CREATE INDEX connection_installation_idx ON connection (installation_id);

-- A check history entry for what a webhook changed.
ALTER TABLE connection_check DROP CONSTRAINT connection_check_trigger_ck;
ALTER TABLE connection_check ADD CONSTRAINT connection_check_trigger_ck
    CHECK (check_trigger IN ('ON_DEMAND', 'PERIODIC', 'REPOSITORY_READ', 'HANDSHAKE', 'WEBHOOK'));
