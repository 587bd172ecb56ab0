-- Staging a bank statement inserts and probes its transactions by these keys: bank identifiers,
-- compared byte by byte (COLLATE "C") instead of through the locale's strcoll (same equality; ordering
-- is by code point). The indexes on them are rebuilt.
ALTER TABLE "bank_transactions" DROP CONSTRAINT "bank_transactions_import_id_bank_imports_id_fk";
--> statement-breakpoint
ALTER TABLE "bank_transactions" ALTER COLUMN "entry_key" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "bank_transactions" ALTER COLUMN "entry_identity" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "bank_transactions" ALTER COLUMN "end_to_end_id" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
-- bank_transactions.import_id references bank_imports(id), checked once per statement (the functions of
-- migration 0012) instead of by a FOREIGN KEY, which ran one query per staged transaction: a statement
-- of 100,000 entries is staged in a few statements (docs/payments.md).
CREATE TRIGGER bank_transactions_import_on_insert AFTER INSERT ON bank_transactions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION reference_check_inserted('import_id', 'bank_imports', 'id');
--> statement-breakpoint
CREATE TRIGGER bank_transactions_import_on_update AFTER UPDATE OF import_id ON bank_transactions
  FOR EACH ROW WHEN (OLD.import_id IS DISTINCT FROM NEW.import_id) EXECUTE FUNCTION reference_check_updated('import_id', 'bank_imports', 'id');
--> statement-breakpoint
CREATE TRIGGER bank_imports_transactions_on_delete AFTER DELETE ON bank_imports
  FOR EACH ROW EXECUTE FUNCTION reference_check_parent_gone('id', 'bank_transactions', 'import_id');
--> statement-breakpoint
CREATE TRIGGER bank_imports_transactions_on_update AFTER UPDATE OF id ON bank_imports
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION reference_check_parent_gone('id', 'bank_transactions', 'import_id');
