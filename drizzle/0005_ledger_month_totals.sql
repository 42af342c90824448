CREATE TABLE "ledger_month_totals" (
	"partner_id" text NOT NULL,
	"kind" text NOT NULL,
	"month" date NOT NULL,
	"total" numeric(20, 2) NOT NULL,
	CONSTRAINT "ledger_month_totals_partner_id_kind_month_pk" PRIMARY KEY("partner_id","kind","month")
);
