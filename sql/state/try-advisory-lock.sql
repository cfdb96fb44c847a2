-- PostgreSQL job repository only: a session-level advisory lock per warehouse. The server drops
-- it when the session ends, so a killed run (SIGKILL, lost pod) never leaves a stale lock behind.
-- :lock_class is secoda-sync's constant, :lock_key a 32-bit hash of the warehouse name.
SELECT pg_try_advisory_lock(:lock_class, :lock_key)
