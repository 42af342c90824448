-- R-PERIOD (issue #8 item 6): stored results counted the old way are recounted
-- by the Civil Code rule (src/domain/period.ts). Self-contained: the two helper
-- functions are dropped at the end.
--
-- A working day as WorkingDayCalendar.isWorkingDay judges it: in a loaded year
-- the stored exception decides, otherwise Monday to Friday.
CREATE FUNCTION period_0013_is_working_day(d date) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN EXISTS (SELECT 1 FROM calendar_years y WHERE y.year = extract(year FROM d)::int)
      THEN coalesce((SELECT c.kind = 'workday' FROM calendar_days c WHERE c.day = d), extract(isodow FROM d) < 6)
    ELSE extract(isodow FROM d) < 6
  END
$$;
--> statement-breakpoint
-- The day itself when it is a working day, else the next one (R-PERIOD, art. 203).
CREATE FUNCTION period_0013_working_day_on_or_after(d date) RETURNS date LANGUAGE sql STABLE AS $$
  SELECT d + i FROM generate_series(0, 60) AS g(i) WHERE period_0013_is_working_day(d + i) ORDER BY i LIMIT 1
$$;
--> statement-breakpoint
-- R-P2/R-P3: validity runs 12 months from the announcement day. Imported
-- history has one date, used as both; a case's announcement is its formal
-- decision (its Shanghai day); a sanction still in its objection window has none yet.
UPDATE sanctions SET announced_on = notice_date WHERE source = 'import';
--> statement-breakpoint
UPDATE sanctions s
SET announced_on = ((c.decided_at AT TIME ZONE 'UTC') + interval '8 hours')::date
FROM cases c
WHERE s.source = 'case' AND c.id = s.case_id AND c.decided_at IS NOT NULL;
--> statement-breakpoint
-- R-RESTRICT: a restriction is in force through the corresponding day, so the
-- exclusive end is one day later than the corresponding day stored so far.
UPDATE restrictions SET ends_on = ends_on + 1 WHERE rule LIKE 'R-RESTRICT%' AND ends_on IS NOT NULL;
--> statement-breakpoint
-- The case's decision as sent carries the same `until`; the formal decision
-- schedules the lift from it.
UPDATE cases
SET decision = jsonb_set(decision, '{restrictions}', (
  SELECT coalesce(jsonb_agg(
    CASE WHEN r->>'until' IS NOT NULL AND r->>'rule' LIKE 'R-RESTRICT%'
      THEN jsonb_set(r, '{until}', to_jsonb(((r->>'until')::date + 1)::text))
      ELSE r END ORDER BY i), '[]'::jsonb)
  FROM jsonb_array_elements(decision->'restrictions') WITH ORDINALITY AS e(r, i)))
WHERE decision IS NOT NULL AND jsonb_typeof(decision->'restrictions') = 'array';
--> statement-breakpoint
-- Open lifts move one day later (a woken job finds the row not yet due and
-- waits: processDeadline only takes rows due by now).
UPDATE deadlines
SET due_at = due_at + interval '1 day',
    payload = jsonb_set(payload, '{on}', to_jsonb(((payload->>'on')::date + 1)::text))
WHERE kind = 'restriction_lift' AND done_at IS NULL AND payload ? 'on';
--> statement-breakpoint
-- R-LATE: the payment term's last day moves to the next working day. Every
-- payment deadline sits a fixed number of days from that day, so each open
-- one moves by as many days as its `due` does.
UPDATE deadlines d
SET due_at = d.due_at + (m.new_due - m.old_due) * interval '1 day',
    payload = jsonb_set(d.payload, '{due}', to_jsonb(m.new_due::text))
FROM (
  SELECT id, (payload->>'due')::date AS old_due, period_0013_working_day_on_or_after((payload->>'due')::date) AS new_due
  FROM deadlines
  WHERE done_at IS NULL AND kind IN ('payment_reminder', 'payment_late', 'late_fee_reminder') AND payload ? 'due'
) m
WHERE d.id = m.id AND m.new_due <> m.old_due;
--> statement-breakpoint
-- A late-payment restriction already imposed starts the day after the moved last day.
UPDATE restrictions
SET starts_on = period_0013_working_day_on_or_after(starts_on - 1) + 1
WHERE kind = 'late_payment' AND lifted_at IS NULL;
--> statement-breakpoint
DROP FUNCTION period_0013_working_day_on_or_after(date);
--> statement-breakpoint
DROP FUNCTION period_0013_is_working_day(date);
