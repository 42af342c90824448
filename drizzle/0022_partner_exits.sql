CREATE TABLE "exit_applications" (
	"partner_id" text NOT NULL,
	"applied_on" date NOT NULL,
	"requested_end_on" date NOT NULL,
	"agreement_on" date NOT NULL,
	"checklist" jsonb NOT NULL,
	"actor" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "exit_applications_partner_id_applied_on_pk" PRIMARY KEY("partner_id","applied_on")
);
--> statement-breakpoint
CREATE TABLE "partner_exits" (
	"partner_id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"rule" text NOT NULL,
	"ends_on" date NOT NULL,
	"basis" text NOT NULL,
	"contacts" jsonb NOT NULL,
	"actor" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "partner_exits_kind_check" CHECK ("partner_exits"."kind" in ('expiry', 'renewal', 'removal', 'voluntary'))
);
--> statement-breakpoint
ALTER TABLE "exit_applications" ADD CONSTRAINT "exit_applications_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_exits" ADD CONSTRAINT "partner_exits_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;