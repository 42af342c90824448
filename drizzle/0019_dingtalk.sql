CREATE TABLE "dingtalk_api_usage" (
	"month" text NOT NULL,
	"api" text NOT NULL,
	"calls" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dingtalk_api_usage_month_api_pk" PRIMARY KEY("month","api"),
	CONSTRAINT "dingtalk_api_usage_month_check" CHECK ("dingtalk_api_usage"."month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "dingtalk_api_usage_calls_check" CHECK ("dingtalk_api_usage"."calls" >= 0)
);
--> statement-breakpoint
CREATE TABLE "dingtalk_callbacks" (
	"msg_id" text PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dingtalk_user_locales" (
	"user_id" text PRIMARY KEY NOT NULL,
	"locale" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dingtalk_user_locales_locale_check" CHECK ("dingtalk_user_locales"."locale" in ('zh-CN', 'en'))
);
