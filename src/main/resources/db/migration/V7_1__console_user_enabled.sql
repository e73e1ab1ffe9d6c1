-- A user can be disabled: no sign-in, no API request with their keys. The same statement runs on H2 and PostgreSQL.
ALTER TABLE console_user ADD COLUMN enabled BOOLEAN DEFAULT TRUE NOT NULL;
