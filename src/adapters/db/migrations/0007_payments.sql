CREATE TABLE "bank_imports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"file_sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"message_id" text,
	"statement_count" integer NOT NULL,
	"transaction_count" integer NOT NULL,
	"duplicate_count" integer DEFAULT 0 NOT NULL,
	"booked_count" integer DEFAULT 0 NOT NULL,
	"unmatched_count" integer DEFAULT 0 NOT NULL,
	"reversed_count" integer DEFAULT 0 NOT NULL,
	"imported_by" text NOT NULL,
	"imported_at" timestamp with time zone NOT NULL,
	CONSTRAINT "bank_imports_format_check" CHECK (format in ('camt.053', 'camt.054'))
);
--> statement-breakpoint
CREATE TABLE "bank_transactions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"import_id" uuid NOT NULL,
	"entry_key" text NOT NULL,
	"entry_identity" text NOT NULL,
	"account" text NOT NULL,
	"statement_id" text,
	"direction" text NOT NULL,
	"amount_text" text NOT NULL,
	"currency" char(3) NOT NULL,
	"amount_cents" bigint,
	"booking_date" date,
	"value_date" date,
	"end_to_end_id" text,
	"account_servicer_ref" text,
	"rf_reference" text,
	"remittance" text,
	"payer_name" text,
	"payer_iban" text,
	"return_reason" text,
	"status" text DEFAULT 'unmatched' NOT NULL,
	"match_method" text,
	"confidence" smallint,
	"suggestions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"creditor_id" uuid,
	"case_id" uuid,
	"payment_id" uuid,
	"note" text,
	"resolved_by" text,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bank_transactions_status_check" CHECK (status in ('unmatched', 'booked', 'reversed_payment', 'ignored', 'not_applicable')),
	CONSTRAINT "bank_transactions_direction_check" CHECK (direction in ('credit', 'debit'))
);
--> statement-breakpoint
ALTER TABLE "outbox" DROP CONSTRAINT "outbox_status_check";--> statement-breakpoint
ALTER TABLE "bank_transactions" ADD CONSTRAINT "bank_transactions_import_id_bank_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."bank_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bank_imports_sha256_key" ON "bank_imports" USING btree ("file_sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "bank_transactions_entry_key" ON "bank_transactions" USING btree ("entry_key");--> statement-breakpoint
CREATE INDEX "bank_transactions_entry_identity_idx" ON "bank_transactions" USING btree ("entry_identity");--> statement-breakpoint
CREATE INDEX "bank_transactions_status_idx" ON "bank_transactions" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "bank_transactions_import_idx" ON "bank_transactions" USING btree ("import_id");--> statement-breakpoint
CREATE INDEX "bank_transactions_end_to_end_idx" ON "bank_transactions" USING btree ("end_to_end_id");--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_status_check" CHECK (status in ('pending', 'sending', 'sent', 'refused', 'failed', 'cancelled'));