ALTER TABLE "cases" DROP CONSTRAINT "cases_creditor_id_creditors_id_fk";
--> statement-breakpoint
-- cases.creditor_id references creditors(id), checked once per statement like contact_points.debtor_id
-- (migration 0012, same functions): a batch of an import writes thousands of cases of one creditor in
-- one statement, and the foreign key ran one query per case.
CREATE TRIGGER cases_creditor_on_insert AFTER INSERT ON cases REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION reference_check_inserted('creditor_id', 'creditors', 'id');
--> statement-breakpoint
CREATE TRIGGER cases_creditor_on_update AFTER UPDATE OF creditor_id ON cases
  FOR EACH ROW WHEN (OLD.creditor_id IS DISTINCT FROM NEW.creditor_id) EXECUTE FUNCTION reference_check_updated('creditor_id', 'creditors', 'id');
--> statement-breakpoint
CREATE TRIGGER creditors_cases_on_delete AFTER DELETE ON creditors
  FOR EACH ROW EXECUTE FUNCTION reference_check_parent_gone('id', 'cases', 'creditor_id');
--> statement-breakpoint
CREATE TRIGGER creditors_cases_on_update AFTER UPDATE OF id ON creditors
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION reference_check_parent_gone('id', 'cases', 'creditor_id');
