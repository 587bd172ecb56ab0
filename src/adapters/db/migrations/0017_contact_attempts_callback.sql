-- The engine honours a callback time the debtor asked for whatever the age of the attempt that recorded
-- it (historyHorizon, src/domain/contact-policy/prepare-situation.ts): the history reads of the worklist
-- and the case page take the recent range of contact_attempts_debtor_idx (debtor_id, at) plus the older
-- attempts whose callback is still due, found here. Partial: only attempts with a callback time.
CREATE INDEX "contact_attempts_callback_idx" ON "contact_attempts" USING btree ("debtor_id","callback_at") WHERE "contact_attempts"."callback_at" is not null;
