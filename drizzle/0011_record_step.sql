-- The audit chain is linked at commit, by the database. A step stages its
-- events in audit_staged (migration 0010), with its command's key and result,
-- in one statement and with no lock; a deferred trigger links each staged event when the
-- transaction commits: it takes the chain's lock (held only until that commit
-- ends, never across a round trip to the client), reads the last hash, writes
-- the event to audit_events and drops the staged row. Statements in a VOLATILE
-- function each take a fresh snapshot (READ COMMITTED), so the read after the
-- lock sees every event committed before the lock was granted: two writers can
-- never link to the same predecessor, and ids follow the chain.
-- Each event arrives as its canonical JSON ({at, actor, action, subject,
-- payload}, keys sorted), as the service computed it; its hash is
-- sha256(prev_hash || '\n' || that text) (src/service/audit/audit-trail.ts,
-- auditHash, which `audit verify` recomputes from the stored row).
CREATE FUNCTION link_staged_audit_event() RETURNS trigger
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  prev text;
  event jsonb := NEW.content::jsonb;
  link text;
BEGIN
  PERFORM pg_advisory_xact_lock(7310522002);
  SELECT hash INTO prev FROM audit_events ORDER BY id DESC LIMIT 1;
  prev := coalesce(prev, repeat('0', 64));
  link := encode(sha256(convert_to(prev || E'\n' || NEW.content, 'UTF8')), 'hex');
  INSERT INTO audit_events (occurred_at, actor, action, subject, payload, prev_hash, hash)
  VALUES ((event->>'at')::timestamptz, event->>'actor', event->>'action', event->>'subject', event->'payload', prev, link);
  DELETE FROM audit_staged WHERE id = NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Deferred row triggers fire at commit in the order their rows went in: the chain keeps the step's order.
CREATE CONSTRAINT TRIGGER audit_staged_link
  AFTER INSERT ON audit_staged
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION link_staged_audit_event();
--> statement-breakpoint
-- The end of a step in one statement: its command (key and result) and its
-- events, staged. A repeat, or a twin in flight at once, fails on the key's
-- primary key (a twin waits there for the first to commit).
CREATE FUNCTION record_step(command jsonb, events jsonb) RETURNS void
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF command IS NOT NULL THEN
    INSERT INTO command_log (key, action, actor, result, created_at)
    VALUES (command->>'key', command->>'action', command->>'actor', command->'result', (command->>'createdAt')::timestamptz);
  END IF;
  INSERT INTO audit_staged (content)
  SELECT e.value FROM jsonb_array_elements_text(events) WITH ORDINALITY AS e(value, n) ORDER BY e.n;
END;
$$;
