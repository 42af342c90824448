-- The tail of the audit chain in one round trip: take the chain's lock, read
-- the last hash, link each new event to the one before. Statements of a
-- VOLATILE function each take a fresh snapshot (READ COMMITTED), so the read
-- after the lock sees every event committed before the lock was granted and
-- two writers can never link to the same predecessor. Each event's hash is
-- sha256(prev_hash || '\n' || content), `content` being the event's canonical
-- JSON as the service computed it (src/service/audit/audit-trail.ts, auditHash,
-- which `audit verify` recomputes from the stored row).
CREATE FUNCTION append_audit_events(entries jsonb) RETURNS void
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  prev text;
  entry jsonb;
  link text;
BEGIN
  PERFORM pg_advisory_xact_lock(7310522002);
  SELECT hash INTO prev FROM audit_events ORDER BY id DESC LIMIT 1;
  prev := coalesce(prev, repeat('0', 64));
  FOR entry IN SELECT e.value FROM jsonb_array_elements(entries) WITH ORDINALITY AS e(value, n) ORDER BY e.n LOOP
    link := encode(sha256(convert_to(prev || E'\n' || (entry->>'content'), 'UTF8')), 'hex');
    INSERT INTO audit_events (occurred_at, actor, action, subject, payload, prev_hash, hash)
    VALUES ((entry->>'at')::timestamptz, entry->>'actor', entry->>'action', entry->>'subject', entry->'payload', prev, link);
    prev := link;
  END LOOP;
END;
$$;
