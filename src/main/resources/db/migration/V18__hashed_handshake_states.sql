-- Handshakes in flight are kept under the SHA-256 of their one-time OAuth2 state from now on, no longer under the
-- state itself. Those under way at the upgrade (ten minutes at the most) are begun again: their rows go. The same
-- statements run on H2 and PostgreSQL.
DELETE FROM installation_choice;
DELETE FROM pending_handshake;
