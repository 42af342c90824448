CREATE TABLE "partners" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partners_status_check" CHECK ("partners"."status" in ('active', 'terminated', 'exited'))
);
--> statement-breakpoint
CREATE TABLE "partner_categories" (
	"partner_id" text NOT NULL,
	"category" text NOT NULL,
	"level" text NOT NULL,
	CONSTRAINT "partner_categories_partner_id_category_pk" PRIMARY KEY("partner_id","category"),
	CONSTRAINT "partner_categories_category_check" CHECK ("partner_categories"."category" in ('consulting_sales', 'product_solution', 'service', 'marketplace'))
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"partner_id" text NOT NULL,
	"platform" text DEFAULT 'slack' NOT NULL,
	"user_id" text NOT NULL,
	CONSTRAINT "contacts_partner_id_platform_user_id_pk" PRIMARY KEY("partner_id","platform","user_id")
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ledger_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"partner_id" text NOT NULL,
	"entry_date" date NOT NULL,
	"kind" text NOT NULL,
	"amount" numeric(16, 2) NOT NULL,
	"entry_key" text NOT NULL,
	"case_id" text,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_entries_entry_key_unique" UNIQUE("entry_key"),
	CONSTRAINT "ledger_entries_kind_check" CHECK ("ledger_entries"."kind" in ('deposit', 'prepayment', 'service_fee_paid', 'service_fee_unpaid', 'penalty_deduction', 'penalty_payment'))
);
--> statement-breakpoint
CREATE TABLE "policy_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"effective_from" date NOT NULL,
	"published_on" date,
	"params" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_items" (
	"policy_version" text NOT NULL,
	"id" text NOT NULL,
	"section" text NOT NULL,
	"row" integer NOT NULL,
	"category" text NOT NULL,
	"class" smallint NOT NULL,
	"text_zh" text NOT NULL,
	"text_en" text NOT NULL,
	CONSTRAINT "catalog_items_policy_version_id_pk" PRIMARY KEY("policy_version","id"),
	CONSTRAINT "catalog_items_class_check" CHECK ("catalog_items"."class" between 1 and 3)
);
--> statement-breakpoint
CREATE TABLE "sanctions" (
	"case_id" text PRIMARY KEY NOT NULL,
	"partner_id" text NOT NULL,
	"item_id" text NOT NULL,
	"policy_version" text NOT NULL,
	"occurred_on" date NOT NULL,
	"notice_date" date NOT NULL,
	"base_class" smallint NOT NULL,
	"final_class" smallint NOT NULL,
	"terminated" boolean DEFAULT false NOT NULL,
	"amount" numeric(16, 2) NOT NULL,
	"explanation" jsonb NOT NULL,
	"consumed_by" text,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sanctions_base_class_check" CHECK ("sanctions"."base_class" between 1 and 3),
	CONSTRAINT "sanctions_final_class_check" CHECK ("sanctions"."final_class" between 1 and 3),
	CONSTRAINT "sanctions_source_check" CHECK ("sanctions"."source" in ('import', 'case'))
);
--> statement-breakpoint
CREATE TABLE "restrictions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "restrictions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"partner_id" text NOT NULL,
	"case_id" text,
	"kind" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"rule" text NOT NULL,
	"lifted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "restrictions_kind_check" CHECK ("restrictions"."kind" in ('no_upgrade', 'no_onboarding', 'no_new_program', 'late_payment'))
);
--> statement-breakpoint
CREATE TABLE "calendar_years" (
	"year" integer PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendar_days" (
	"day" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text,
	"source" text NOT NULL,
	CONSTRAINT "calendar_days_kind_check" CHECK ("calendar_days"."kind" in ('holiday', 'workday'))
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "imports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"file_sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"row_count" integer NOT NULL,
	"actor" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "imports_kind_file_sha256_unique" UNIQUE("kind","file_sha256")
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"occurred_at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"subject" text NOT NULL,
	"payload" jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "partner_categories" ADD CONSTRAINT "partner_categories_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_items" ADD CONSTRAINT "catalog_items_policy_version_policy_versions_id_fk" FOREIGN KEY ("policy_version") REFERENCES "public"."policy_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sanctions" ADD CONSTRAINT "sanctions_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restrictions" ADD CONSTRAINT "restrictions_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contacts_platform_user_idx" ON "contacts" USING btree ("platform","user_id");--> statement-breakpoint
CREATE INDEX "ledger_entries_partner_kind_date_idx" ON "ledger_entries" USING btree ("partner_id","kind","entry_date");--> statement-breakpoint
CREATE INDEX "sanctions_partner_notice_idx" ON "sanctions" USING btree ("partner_id","notice_date");--> statement-breakpoint
CREATE INDEX "sanctions_consumed_by_idx" ON "sanctions" USING btree ("consumed_by");--> statement-breakpoint
CREATE INDEX "restrictions_partner_starts_idx" ON "restrictions" USING btree ("partner_id","starts_on");