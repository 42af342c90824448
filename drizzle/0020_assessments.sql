CREATE TABLE "assessment_reminders" (
	"month" text NOT NULL,
	"platform" text NOT NULL,
	"user_id" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "assessment_reminders_month_platform_user_id_pk" PRIMARY KEY("month","platform","user_id")
);
--> statement-breakpoint
CREATE TABLE "assessment_results" (
	"partner_id" text NOT NULL,
	"category" text NOT NULL,
	"period" text NOT NULL,
	"result" text NOT NULL,
	"proposed_level" text,
	"outcome" text NOT NULL,
	"level_before" text NOT NULL,
	"level_after" text,
	"held_by" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"applied_on" date NOT NULL,
	"actor" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "assessment_results_partner_id_category_period_pk" PRIMARY KEY("partner_id","category","period"),
	CONSTRAINT "assessment_results_result_check" CHECK ("assessment_results"."result" in ('keep', 'upgrade', 'downgrade', 'remove')),
	CONSTRAINT "assessment_results_outcome_check" CHECK ("assessment_results"."outcome" in ('kept', 'upgraded', 'held_back', 'downgraded', 'removed'))
);
--> statement-breakpoint
ALTER TABLE "assessment_results" ADD CONSTRAINT "assessment_results_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;