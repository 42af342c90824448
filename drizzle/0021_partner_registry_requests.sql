CREATE TABLE "partner_programs" (
	"partner_id" text NOT NULL,
	"program" text NOT NULL,
	"joined_on" date NOT NULL,
	CONSTRAINT "partner_programs_partner_id_program_pk" PRIMARY KEY("partner_id","program")
);
--> statement-breakpoint
CREATE TABLE "programs" (
	"name" text PRIMARY KEY NOT NULL,
	"category" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programs_category_check" CHECK ("programs"."category" in ('consulting_sales', 'product_solution', 'service', 'marketplace'))
);
--> statement-breakpoint
CREATE TABLE "partner_contracts" (
	"partner_id" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"renewal_notice_on" date,
	CONSTRAINT "partner_contracts_partner_id_starts_on_pk" PRIMARY KEY("partner_id","starts_on"),
	CONSTRAINT "partner_contracts_dates_check" CHECK ("partner_contracts"."ends_on" >= "partner_contracts"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "partner_requests" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "partner_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"partner_id" text NOT NULL,
	"kind" text NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"requested_on" date NOT NULL,
	"actor" text NOT NULL,
	"granted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "partner_requests_key_unique" UNIQUE("partner_id","kind","subject","requested_on"),
	CONSTRAINT "partner_requests_kind_check" CHECK ("partner_requests"."kind" in ('upgrade', 'onboarding', 'program'))
);
--> statement-breakpoint
ALTER TABLE "partner_programs" ADD CONSTRAINT "partner_programs_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_programs" ADD CONSTRAINT "partner_programs_program_programs_name_fk" FOREIGN KEY ("program") REFERENCES "public"."programs"("name") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_contracts" ADD CONSTRAINT "partner_contracts_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_requests" ADD CONSTRAINT "partner_requests_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;