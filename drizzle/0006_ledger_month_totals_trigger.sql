-- Monthly totals follow every insert into the ledger, in the same statement's
-- transaction; one statement-level trigger per insert keeps bulk imports cheap.
CREATE FUNCTION ledger_month_totals_add() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ledger_month_totals (partner_id, kind, month, total)
  SELECT partner_id, kind, date_trunc('month', entry_date)::date, sum(amount)
  FROM new_entries
  GROUP BY partner_id, kind, date_trunc('month', entry_date)::date
  ON CONFLICT (partner_id, kind, month)
  DO UPDATE SET total = ledger_month_totals.total + EXCLUDED.total;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_month_totals
  AFTER INSERT ON ledger_entries
  REFERENCING NEW TABLE AS new_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_month_totals_add();
--> statement-breakpoint
-- R-LEDGER: the ledger is a record of back-office facts and of what cases
-- deducted and received; a correction is a new entry, never an edit.
CREATE FUNCTION ledger_entries_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger_entries is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_no_update
  BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_entries_refuse_change();
--> statement-breakpoint
INSERT INTO ledger_month_totals (partner_id, kind, month, total)
SELECT partner_id, kind, date_trunc('month', entry_date)::date, sum(amount)
FROM ledger_entries
GROUP BY partner_id, kind, date_trunc('month', entry_date)::date;
