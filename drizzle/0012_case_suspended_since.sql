ALTER TABLE "cases" ADD COLUMN "suspended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "suspended_by" text;