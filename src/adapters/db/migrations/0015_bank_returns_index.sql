-- The end-to-end id is looked up only to find the booked credit a return refers to
-- (findBookedByEndToEnd): a partial index of booked transactions. Staging a statement inserts its
-- transactions unbooked, so it no longer writes this index (one random-key index of six less per row).
DROP INDEX "bank_transactions_end_to_end_idx";--> statement-breakpoint
CREATE INDEX "bank_transactions_end_to_end_idx" ON "bank_transactions" USING btree ("end_to_end_id") WHERE status = 'booked';
