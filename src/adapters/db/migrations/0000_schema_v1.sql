CREATE TABLE "audit_head" (
	"id" smallint PRIMARY KEY NOT NULL,
	"last_seq" bigint NOT NULL,
	"last_hash" text NOT NULL,
	"row_count" bigint NOT NULL,
	CONSTRAINT "audit_head_singleton" CHECK (id = 1)
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"creditor_id" uuid,
	"case_id" uuid,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"creditor_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"type" text NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "case_events_creditor_id_id_pk" PRIMARY KEY("creditor_id","id")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"creditor_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"debtor_id" uuid NOT NULL,
	"mandate_id" uuid,
	"creditor_reference" text NOT NULL,
	"category" text NOT NULL,
	"debtor_type" text NOT NULL,
	"basis_contract_ref" text,
	"basis_date" date,
	"currency" char(3) DEFAULT 'EUR' NOT NULL,
	"principal_cents" bigint NOT NULL,
	"interest_cents" bigint DEFAULT 0 NOT NULL,
	"accessories_cents" bigint DEFAULT 0 NOT NULL,
	"due_date" date NOT NULL,
	"first_unpaid_date" date,
	"last_payment_date" date,
	"acknowledgement_date" date,
	"title_date" date,
	"assignment_date" date,
	"assignment_notified_on" date,
	"status" text NOT NULL,
	"limitation_kind" text,
	"limitation_expires_on" date,
	"team_id" uuid,
	"assigned_user_id" uuid,
	"rf_reference" text,
	"access_code_hash" text,
	"notice_sent_at" timestamp with time zone,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"close_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_creditor_id_id_pk" PRIMARY KEY("creditor_id","id"),
	CONSTRAINT "cases_status_check" CHECK (status in ('intake', 'notice_pending', 'active', 'promise', 'plan', 'closed_paid', 'closed_settled', 'closed_prescribed', 'closed_returned', 'closed_erroneous', 'litigation')),
	CONSTRAINT "cases_category_check" CHECK (category in ('telecom', 'energy', 'water', 'consumer_goods_services', 'consumer_credit', 'mortgage', 'rent', 'professional', 'enforceable_title')),
	CONSTRAINT "cases_amounts_check" CHECK (principal_cents >= 0 and interest_cents >= 0 and accessories_cents >= 0)
);
--> statement-breakpoint
CREATE TABLE "contact_attempts" (
	"creditor_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"debtor_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"purpose" text NOT NULL,
	"direction" text DEFAULT 'outbound' NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"outcome" text,
	"address" text,
	"contact_point_id" uuid,
	"callback_at" timestamp with time zone,
	"allowed" boolean NOT NULL,
	"decision" jsonb NOT NULL,
	"user_id" uuid,
	"verification_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contact_attempts_creditor_id_id_pk" PRIMARY KEY("creditor_id","id"),
	CONSTRAINT "contact_attempts_channel_check" CHECK (channel in ('call', 'sms', 'email', 'letter'))
);
--> statement-breakpoint
CREATE TABLE "contact_points" (
	"debtor_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"phone_type" text,
	"postal" jsonb,
	"territory" text,
	"status" text DEFAULT 'unverified' NOT NULL,
	"is_primary" boolean DEFAULT false NOT NULL,
	"source_kind" text NOT NULL,
	"source_ref" text,
	"source_label" text,
	"source_at" timestamp with time zone NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contact_points_debtor_id_id_pk" PRIMARY KEY("debtor_id","id"),
	CONSTRAINT "contact_points_kind_check" CHECK (kind in ('phone', 'email', 'postal')),
	CONSTRAINT "contact_points_source_check" CHECK (source_kind in ('creditor_file', 'creditor_api', 'debtor', 'agent', 'directory'))
);
--> statement-breakpoint
CREATE TABLE "creditors" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"legal_name" text NOT NULL,
	"registration_number" text,
	"address_line1" text NOT NULL,
	"address_line2" text,
	"postcode" text NOT NULL,
	"city" text NOT NULL,
	"country" char(2) DEFAULT 'FR' NOT NULL,
	"email" text,
	"phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "debtors" (
	"id" uuid PRIMARY KEY NOT NULL,
	"civility" text,
	"first_name" text,
	"last_name" text,
	"birth_name" text,
	"birth_date" date,
	"birth_place" text,
	"company_name" text,
	"company_registration" text,
	"match_key" text,
	"needs_review" boolean DEFAULT false NOT NULL,
	"field_sources" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"creditor_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"source_kind" text NOT NULL,
	"uploaded_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "documents_creditor_id_id_pk" PRIMARY KEY("creditor_id","id")
);
--> statement-breakpoint
CREATE TABLE "mandates" (
	"creditor_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"reference" text NOT NULL,
	"signed_on" date NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date,
	"commission_bps" integer NOT NULL,
	"max_plan_months" integer NOT NULL,
	"min_instalment_cents" bigint NOT NULL,
	"max_discount_bps" integer DEFAULT 0 NOT NULL,
	"interest_waiver_allowed" boolean DEFAULT false NOT NULL,
	"grace_days" integer DEFAULT 10 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mandates_creditor_id_id_pk" PRIMARY KEY("creditor_id","id"),
	CONSTRAINT "mandates_bps_check" CHECK (commission_bps between 0 and 10000 and max_discount_bps between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "suspensions" (
	"creditor_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"debtor_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_at" timestamp with time zone NOT NULL,
	"until_at" timestamp with time zone,
	"reason" text,
	"opened_by" text,
	"resolved_at" timestamp with time zone,
	"resolution" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "suspensions_creditor_id_id_pk" PRIMARY KEY("creditor_id","id"),
	CONSTRAINT "suspensions_kind_check" CHECK (kind in ('dispute', 'documents-requested', 'over-indebtedness', 'deceased', 'vulnerability', 'written-only'))
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"role" text NOT NULL,
	"creditor_id" uuid,
	"team_id" uuid,
	"password_hash" text NOT NULL,
	"locale" text DEFAULT 'fr' NOT NULL,
	"failed_login_count" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"disabled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_role_check" CHECK (role in ('admin', 'manager', 'agent', 'compliance', 'creditor')),
	CONSTRAINT "users_creditor_scope_check" CHECK ((role = 'creditor') = (creditor_id is not null))
);
--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_creditor_id_case_id_cases_creditor_id_id_fk" FOREIGN KEY ("creditor_id","case_id") REFERENCES "public"."cases"("creditor_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_creditor_id_creditors_id_fk" FOREIGN KEY ("creditor_id") REFERENCES "public"."creditors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_attempts" ADD CONSTRAINT "contact_attempts_creditor_id_case_id_cases_creditor_id_id_fk" FOREIGN KEY ("creditor_id","case_id") REFERENCES "public"."cases"("creditor_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_points" ADD CONSTRAINT "contact_points_debtor_id_debtors_id_fk" FOREIGN KEY ("debtor_id") REFERENCES "public"."debtors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_creditor_id_case_id_cases_creditor_id_id_fk" FOREIGN KEY ("creditor_id","case_id") REFERENCES "public"."cases"("creditor_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandates" ADD CONSTRAINT "mandates_creditor_id_creditors_id_fk" FOREIGN KEY ("creditor_id") REFERENCES "public"."creditors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suspensions" ADD CONSTRAINT "suspensions_creditor_id_case_id_cases_creditor_id_id_fk" FOREIGN KEY ("creditor_id","case_id") REFERENCES "public"."cases"("creditor_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_creditor_id_creditors_id_fk" FOREIGN KEY ("creditor_id") REFERENCES "public"."creditors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_case_idx" ON "audit_log" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_creditor_reference_key" ON "cases" USING btree ("creditor_id","creditor_reference");--> statement-breakpoint
CREATE INDEX "cases_id_idx" ON "cases" USING btree ("id");--> statement-breakpoint
CREATE INDEX "cases_debtor_idx" ON "cases" USING btree ("debtor_id");--> statement-breakpoint
CREATE INDEX "cases_status_idx" ON "cases" USING btree ("creditor_id","status");--> statement-breakpoint
CREATE INDEX "contact_attempts_debtor_idx" ON "contact_attempts" USING btree ("debtor_id","at");--> statement-breakpoint
CREATE INDEX "contact_attempts_case_idx" ON "contact_attempts" USING btree ("case_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "contact_points_value_key" ON "contact_points" USING btree ("debtor_id","kind","value");--> statement-breakpoint
CREATE INDEX "debtors_match_key_idx" ON "debtors" USING btree ("match_key");--> statement-breakpoint
CREATE INDEX "documents_case_idx" ON "documents" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mandates_reference_key" ON "mandates" USING btree ("creditor_id","reference");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "suspensions_case_idx" ON "suspensions" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "suspensions_debtor_idx" ON "suspensions" USING btree ("debtor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "teams_name_key" ON "teams" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree (lower("email"));