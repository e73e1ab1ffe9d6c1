-- The same statements run on H2 and PostgreSQL.

-- ShedLock's locks on scheduled jobs: a job runs on the console instance that holds its row, so that work such as
-- the periodic connection check runs once per interval across every instance on this database, not once per
-- instance. The times are the database's own clock (ShedLock's usingDbTime), whatever the instances' clocks say.
CREATE TABLE shedlock (
    name       VARCHAR(64)  NOT NULL,
    lock_until TIMESTAMP(3) NOT NULL,
    locked_at  TIMESTAMP(3) NOT NULL,
    locked_by  VARCHAR(255) NOT NULL,
    CONSTRAINT shedlock_pk PRIMARY KEY (name)
);
