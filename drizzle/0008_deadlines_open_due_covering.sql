DROP INDEX "deadlines_open_due_idx";--> statement-breakpoint
CREATE INDEX "deadlines_open_due_idx" ON "deadlines" USING btree ("due_at","id") WHERE "deadlines"."done_at" is null;