ALTER TABLE "determinations" DROP CONSTRAINT "determinations_status_check";--> statement-breakpoint
ALTER TABLE "determinations" ADD COLUMN "rejudged" jsonb;--> statement-breakpoint
ALTER TABLE "determinations" ADD CONSTRAINT "determinations_status_check" CHECK ("determinations"."status" in ('proposed', 'approved', 'rejected', 'superseded'));