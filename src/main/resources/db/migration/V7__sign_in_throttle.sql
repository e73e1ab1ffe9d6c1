-- Sign-in throttling: the state of each Bucket4j bucket of allowed failed sign-ins, one per user name and one per
-- address, shared by every console instance on the database. The same statements run on H2 and PostgreSQL.

-- bucket_key is the SHA-256 (hex) of what is throttled, so that no typed user name (sometimes a password typed in
-- the wrong field) or address is stored; state is Bucket4j's serialized bucket, replaced by compare-and-swap.
CREATE TABLE sign_in_throttle (
    bucket_key CHAR(64)     NOT NULL,
    state      BYTEA        NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT sign_in_throttle_pk PRIMARY KEY (bucket_key)
);

-- The cleanup removes buckets that have refilled, by expiry time.
CREATE INDEX sign_in_throttle_expires_idx ON sign_in_throttle (expires_at);
