CREATE TABLE "caught_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"delivery_key" text NOT NULL,
	"recipient" text NOT NULL,
	"subject" text,
	"text_body" text NOT NULL,
	"html_body" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"creditor_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"verification_code_hash" text NOT NULL,
	"outbox_id" uuid,
	"issued_at" timestamp with time zone NOT NULL,
	"data" jsonb NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "certificates_creditor_id_id_pk" PRIMARY KEY("creditor_id","id")
);
--> statement-breakpoint
CREATE TABLE "letter_batches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"batch_date" date NOT NULL,
	"status" text DEFAULT 'ready' NOT NULL,
	"letter_count" integer NOT NULL,
	"page_count" integer NOT NULL,
	"pdf_path" text NOT NULL,
	"csv_path" text NOT NULL,
	"pdf_sha256" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"posted_at" timestamp with time zone,
	"posted_by" text,
	CONSTRAINT "letter_batches_status_check" CHECK (status in ('ready', 'posted'))
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"creditor_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"debtor_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"template" text NOT NULL,
	"locale" text NOT NULL,
	"purpose" text NOT NULL,
	"recipient" text NOT NULL,
	"contact_point_id" uuid,
	"payload_version" integer NOT NULL,
	"payload" jsonb NOT NULL,
	"idempotency_key" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"lease_until" timestamp with time zone,
	"claim_token" uuid,
	"last_error" text,
	"decision" jsonb,
	"contact_attempt_id" uuid,
	"verification_code" text,
	"letter_reference" text,
	"provider_message_id" text,
	"batch_id" uuid,
	"pages" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "outbox_creditor_id_id_pk" PRIMARY KEY("creditor_id","id"),
	CONSTRAINT "outbox_channel_check" CHECK (channel in ('letter', 'sms', 'email')),
	CONSTRAINT "outbox_status_check" CHECK (status in ('pending', 'sending', 'sent', 'refused', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_creditor_id_case_id_cases_creditor_id_id_fk" FOREIGN KEY ("creditor_id","case_id") REFERENCES "public"."cases"("creditor_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_creditor_id_case_id_cases_creditor_id_id_fk" FOREIGN KEY ("creditor_id","case_id") REFERENCES "public"."cases"("creditor_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "caught_messages_delivery_key" ON "caught_messages" USING btree ("delivery_key");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_code_key" ON "certificates" USING btree ("verification_code_hash");--> statement-breakpoint
CREATE INDEX "certificates_case_idx" ON "certificates" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_idempotency_key" ON "outbox" USING btree ("creditor_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_verification_code_key" ON "outbox" USING btree ("verification_code");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_letter_reference_key" ON "outbox" USING btree ("letter_reference");--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "outbox_case_idx" ON "outbox" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "outbox_batch_idx" ON "outbox" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "cases_rf_reference_idx" ON "cases" USING btree ("rf_reference");