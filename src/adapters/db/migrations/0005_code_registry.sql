CREATE TABLE "code_registry" (
	"code" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"creditor_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "code_registry_kind_check" CHECK (kind in ('verification_code', 'letter_reference', 'certificate_code'))
);
--> statement-breakpoint
DROP INDEX "certificates_code_key";--> statement-breakpoint
DROP INDEX "outbox_verification_code_key";--> statement-breakpoint
DROP INDEX "outbox_letter_reference_key";--> statement-breakpoint
CREATE INDEX "certificates_code_idx" ON "certificates" USING btree ("verification_code_hash");--> statement-breakpoint
CREATE INDEX "outbox_verification_code_idx" ON "outbox" USING btree ("verification_code");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_code_key" ON "certificates" USING btree ("creditor_id","verification_code_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_verification_code_key" ON "outbox" USING btree ("creditor_id","verification_code");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_letter_reference_key" ON "outbox" USING btree ("creditor_id","letter_reference");--> statement-breakpoint
INSERT INTO "code_registry" ("code", "kind", "creditor_id", "case_id", "owner_id")
  SELECT "verification_code", 'verification_code', "creditor_id", "case_id", "id" FROM "outbox" WHERE "verification_code" IS NOT NULL;--> statement-breakpoint
INSERT INTO "code_registry" ("code", "kind", "creditor_id", "case_id", "owner_id")
  SELECT "letter_reference", 'letter_reference', "creditor_id", "case_id", "id" FROM "outbox" WHERE "letter_reference" IS NOT NULL;--> statement-breakpoint
INSERT INTO "code_registry" ("code", "kind", "creditor_id", "case_id", "owner_id")
  SELECT "verification_code_hash", 'certificate_code', "creditor_id", "case_id", "id" FROM "certificates";
