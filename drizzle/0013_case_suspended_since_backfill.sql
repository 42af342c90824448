-- R-SUSPEND: a case suspended before suspended_at/suspended_by existed gets them
-- from its last `case.suspended` audit event, else from the report (a staff
-- report with the box ticked: suspended when the notice went out).
UPDATE "cases" AS c SET
  "suspended_at" = coalesce(
    (SELECT a."occurred_at" FROM "audit_events" a WHERE a."subject" = c."id" AND a."action" = 'case.suspended' ORDER BY a."id" DESC LIMIT 1),
    c."notice_sent_at", c."created_at"),
  "suspended_by" = coalesce(
    (SELECT a."actor" FROM "audit_events" a WHERE a."subject" = c."id" AND a."action" = 'case.suspended' ORDER BY a."id" DESC LIMIT 1),
    c."reported_by")
WHERE c."suspended" AND c."suspended_at" IS NULL;
