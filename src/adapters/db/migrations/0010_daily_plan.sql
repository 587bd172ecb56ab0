CREATE TABLE "daily_plan_entries" (
	"creditor_id" uuid NOT NULL,
	"plan_date" date NOT NULL,
	"case_id" uuid NOT NULL,
	"debtor_id" uuid NOT NULL,
	"team_id" uuid,
	"assigned_user_id" uuid,
	"channel" text NOT NULL,
	"from_at" timestamp with time zone NOT NULL,
	"territory" text NOT NULL,
	"time_zone" text NOT NULL,
	CONSTRAINT "daily_plan_entries_creditor_id_plan_date_case_id_pk" PRIMARY KEY("creditor_id","plan_date","case_id"),
	CONSTRAINT "daily_plan_entries_channel_check" CHECK (channel in ('call', 'sms', 'email', 'letter'))
);
--> statement-breakpoint
CREATE TABLE "daily_plans" (
	"plan_date" date PRIMARY KEY NOT NULL,
	"profile" text NOT NULL,
	"status" text NOT NULL,
	"batch_size" integer NOT NULL,
	"cases_seen" integer DEFAULT 0 NOT NULL,
	"contactable" integer DEFAULT 0 NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "daily_plans_status_check" CHECK (status in ('running', 'completed'))
);
--> statement-breakpoint
CREATE INDEX "daily_plan_entries_user_idx" ON "daily_plan_entries" USING btree ("plan_date","assigned_user_id","from_at","case_id");--> statement-breakpoint
CREATE INDEX "daily_plan_entries_team_idx" ON "daily_plan_entries" USING btree ("plan_date","team_id","channel");