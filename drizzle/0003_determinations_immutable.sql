-- R-DETERMINE: a decided determination is immutable; a correction is a new
-- row pointing at the old one. Only a proposal may still change (its outbox link).
CREATE FUNCTION determinations_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR OLD.status <> 'proposed' THEN
    RAISE EXCEPTION 'determination % is % and cannot be changed', OLD.id, OLD.status
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER determinations_immutable
  BEFORE UPDATE OR DELETE ON determinations
  FOR EACH ROW EXECUTE FUNCTION determinations_refuse_change();
