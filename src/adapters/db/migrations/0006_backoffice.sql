CREATE TABLE "assignment_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"creditor_id" uuid,
	"postcode_prefix" text,
	"category" text,
	"min_balance_cents" bigint,
	"team_id" uuid NOT NULL,
	"user_id" uuid,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "call_priority" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "priority_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "next_call_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "assignment_rules" ADD CONSTRAINT "assignment_rules_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_rules" ADD CONSTRAINT "assignment_rules_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assignment_rules_position_key" ON "assignment_rules" USING btree ("position");--> statement-breakpoint
CREATE INDEX "cases_worklist_user_idx" ON "cases" USING btree ("assigned_user_id","call_priority" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "cases_worklist_team_idx" ON "cases" USING btree ("team_id","call_priority" DESC NULLS LAST,"id");