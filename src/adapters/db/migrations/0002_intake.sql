CREATE TABLE "api_keys" (
	"creditor_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"secret_hash" text NOT NULL,
	"scopes" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_creditor_id_id_pk" PRIMARY KEY("creditor_id","id")
);
--> statement-breakpoint
CREATE TABLE "import_rejects" (
	"creditor_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"creditor_reference" text,
	"raw" jsonb NOT NULL,
	"errors" jsonb NOT NULL,
	CONSTRAINT "import_rejects_creditor_id_import_id_line_pk" PRIMARY KEY("creditor_id","import_id","line")
);
--> statement-breakpoint
CREATE TABLE "import_report_items" (
	"creditor_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"kind" text NOT NULL,
	"creditor_reference" text NOT NULL,
	"case_id" uuid,
	"debtor_id" uuid,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "import_report_items_creditor_id_import_id_line_kind_pk" PRIMARY KEY("creditor_id","import_id","line","kind"),
	CONSTRAINT "import_report_items_kind_check" CHECK (kind in ('closed_prescribed', 'limitation_soon', 'homonym_review'))
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"creditor_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"file_name" text NOT NULL,
	"content_sha256" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"format" text NOT NULL,
	"delimiter" text,
	"header" jsonb,
	"source_kind" text NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text,
	"status" text NOT NULL,
	"as_of" date NOT NULL,
	"checkpoint_line" integer DEFAULT 0 NOT NULL,
	"rows_seen" integer DEFAULT 0 NOT NULL,
	"created_count" integer DEFAULT 0 NOT NULL,
	"updated_count" integer DEFAULT 0 NOT NULL,
	"unchanged_count" integer DEFAULT 0 NOT NULL,
	"refused_count" integer DEFAULT 0 NOT NULL,
	"prescribed_count" integer DEFAULT 0 NOT NULL,
	"flagged_count" integer DEFAULT 0 NOT NULL,
	"failure" jsonb,
	"ignored_columns" jsonb,
	"started_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "imports_creditor_id_id_pk" PRIMARY KEY("creditor_id","id"),
	CONSTRAINT "imports_status_check" CHECK (status in ('running', 'completed', 'failed')),
	CONSTRAINT "imports_format_check" CHECK (format in ('csv', 'jsonl'))
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "collection_fees_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "document_refs" text[];--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "last_import_id" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "last_import_line" integer;--> statement-breakpoint
ALTER TABLE "contact_points" ADD COLUMN "source_creditor_id" uuid;--> statement-breakpoint
ALTER TABLE "debtors" ADD COLUMN "name_key" text;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_creditor_id_creditors_id_fk" FOREIGN KEY ("creditor_id") REFERENCES "public"."creditors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_rejects" ADD CONSTRAINT "import_rejects_creditor_id_import_id_imports_creditor_id_id_fk" FOREIGN KEY ("creditor_id","import_id") REFERENCES "public"."imports"("creditor_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_report_items" ADD CONSTRAINT "import_report_items_creditor_id_import_id_imports_creditor_id_id_fk" FOREIGN KEY ("creditor_id","import_id") REFERENCES "public"."imports"("creditor_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_creditor_id_creditors_id_fk" FOREIGN KEY ("creditor_id") REFERENCES "public"."creditors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_prefix_key" ON "api_keys" USING btree ("prefix");--> statement-breakpoint
CREATE INDEX "import_rejects_reference_idx" ON "import_rejects" USING btree ("creditor_id","import_id","creditor_reference");--> statement-breakpoint
CREATE UNIQUE INDEX "imports_idempotency_key" ON "imports" USING btree ("creditor_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "imports_id_idx" ON "imports" USING btree ("id");--> statement-breakpoint
CREATE INDEX "debtors_name_key_idx" ON "debtors" USING btree ("name_key");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_collection_fees_check" CHECK (collection_fees_cents >= 0);