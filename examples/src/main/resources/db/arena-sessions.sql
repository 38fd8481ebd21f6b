-- Sessions of the import runs example, stored by the SHA-256 of their id (a stolen table opens no
-- session), with the time each was last used (idle sessions end); the request budget belongs to the
-- user, whatever session spends it; failed logins are counted per email to throttle guessing.
-- A database made before these tables drops its old sessions (ids stored as given): users log in again.
DROP TABLE IF EXISTS arena_sessions;
CREATE TABLE arena_sessions (
    id_hash VARCHAR(64) PRIMARY KEY,
    user_guid VARCHAR(20) NOT NULL REFERENCES arena_users (guid),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE TABLE arena_budgets (
    user_guid VARCHAR(20) PRIMARY KEY REFERENCES arena_users (guid),
    window_start TIMESTAMP WITH TIME ZONE NOT NULL,
    requests INTEGER NOT NULL
);
CREATE TABLE arena_login_failures (
    email VARCHAR(254) PRIMARY KEY,
    window_start TIMESTAMP WITH TIME ZONE NOT NULL,
    failures INTEGER NOT NULL,
    locked_until TIMESTAMP WITH TIME ZONE
)
