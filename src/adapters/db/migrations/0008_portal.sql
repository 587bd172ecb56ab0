CREATE TABLE "debtor_preferences" (
	"debtor_id" uuid PRIMARY KEY NOT NULL,
	"opt_out" text[] DEFAULT '{}'::text[] NOT NULL,
	"quiet_hours" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"written_only" boolean DEFAULT false NOT NULL,
	"source_kind" text DEFAULT 'debtor' NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portal_login_failures" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portal_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"creditor_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"debtor_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"absolute_expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rights_requests" (
	"creditor_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"debtor_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"received_on" date NOT NULL,
	"due_on" date NOT NULL,
	"extended_due_on" date,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"answered_at" timestamp with time zone,
	"answer" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rights_requests_creditor_id_id_pk" PRIMARY KEY("creditor_id","id"),
	CONSTRAINT "rights_requests_kind_check" CHECK (kind in ('access', 'rectification', 'erasure', 'restriction', 'objection', 'complaint')),
	CONSTRAINT "rights_requests_status_check" CHECK (status in ('open', 'extended', 'answered', 'refused'))
);
--> statement-breakpoint
ALTER TABLE "rights_requests" ADD CONSTRAINT "rights_requests_creditor_id_case_id_cases_creditor_id_id_fk" FOREIGN KEY ("creditor_id","case_id") REFERENCES "public"."cases"("creditor_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "portal_sessions_case_idx" ON "portal_sessions" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "rights_requests_case_idx" ON "rights_requests" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "rights_requests_due_idx" ON "rights_requests" USING btree ("status","due_on");