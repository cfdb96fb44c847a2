-- Releases the lock taken by try-advisory-lock.sql (closing the session would too).
SELECT pg_advisory_unlock(:lock_class, :lock_key)
