CREATE TABLE "complaints" (
	"number" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "complaints_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"key" text NOT NULL,
	"partner_id" text NOT NULL,
	"filed_by" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"state" text NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"answer_due_at" timestamp with time zone NOT NULL,
	"answer_due_provisional" boolean DEFAULT false NOT NULL,
	"answer" text,
	"answered_by" text,
	"closed_at" timestamp with time zone,
	CONSTRAINT "complaints_key_unique" UNIQUE("key"),
	CONSTRAINT "complaints_state_check" CHECK ("complaints"."state" in ('filed', 'answered', 'withdrawn')),
	CONSTRAINT "complaints_answered_check" CHECK (("complaints"."state" = 'answered') = ("complaints"."answer" is not null))
);
--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaints_partner_idx" ON "complaints" USING btree ("partner_id");