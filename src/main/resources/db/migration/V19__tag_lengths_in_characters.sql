-- A tag's key and value are 128 and 256 characters at most, counted in Unicode code points as App Runner counts them.
-- H2 counts a character outside the Basic Multilingual Plane (an emoji) as two, so the columns hold twice as many;
-- the console checks the lengths before it stores a tag.
ALTER TABLE connection_tag ALTER COLUMN tag_key SET DATA TYPE VARCHAR(256);
ALTER TABLE connection_tag ALTER COLUMN tag_value SET DATA TYPE VARCHAR(512);
