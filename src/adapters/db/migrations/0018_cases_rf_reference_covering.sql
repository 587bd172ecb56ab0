-- Staging a bank statement looks up each transaction's RF reference (100,000 per statement): with the
-- case's creditor_id and id in the index, the lookup reads the index alone (an index-only scan, on the
-- pages VACUUM marked all-visible) instead of also the case's row (docs/payments.md, "Speed").
DROP INDEX "cases_rf_reference_idx";--> statement-breakpoint
CREATE INDEX "cases_rf_reference_idx" ON "cases" USING btree ("rf_reference","creditor_id","id");