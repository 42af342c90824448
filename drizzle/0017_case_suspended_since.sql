ALTER TABLE "cases" ADD COLUMN "suspended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "suspended_by" text;--> statement-breakpoint
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
--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_suspended_since_check" CHECK ("cases"."suspended" = ("cases"."suspended_at" is not null and "cases"."suspended_by" is not null) and ("cases"."suspended_at" is null) = ("cases"."suspended_by" is null));