ALTER TABLE "cases" DROP CONSTRAINT "cases_creditor_id_creditors_id_fk";
--> statement-breakpoint
-- cases.creditor_id references creditors(id), checked once per statement like contact_points.debtor_id
-- (migration 0011, same concurrency argument): an import's batch writes thousands of cases of one
-- creditor in one statement, and the foreign key ran one query per case.
CREATE FUNCTION cases_check_creditors() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  missing uuid;
BEGIN
  -- As a foreign key does: the creditors stay (FOR KEY SHARE) until this transaction ends.
  PERFORM 1 FROM creditors c WHERE c.id IN (SELECT n.creditor_id FROM new_cases n) FOR KEY SHARE;
  SELECT n.creditor_id INTO missing FROM new_cases n
    WHERE NOT EXISTS (SELECT 1 FROM creditors c WHERE c.id = n.creditor_id) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'insert or update on table "cases" violates its reference to "creditors"'
      USING ERRCODE = 'foreign_key_violation', TABLE = 'cases',
        DETAIL = format('Key (creditor_id)=(%s) is not present in table "creditors".', missing);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER cases_creditor_on_insert AFTER INSERT ON cases
  REFERENCING NEW TABLE AS new_cases FOR EACH STATEMENT EXECUTE FUNCTION cases_check_creditors();
--> statement-breakpoint
CREATE FUNCTION cases_check_new_creditor() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM creditors c WHERE c.id = NEW.creditor_id FOR KEY SHARE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'insert or update on table "cases" violates its reference to "creditors"'
      USING ERRCODE = 'foreign_key_violation', TABLE = 'cases',
        DETAIL = format('Key (creditor_id)=(%s) is not present in table "creditors".', NEW.creditor_id);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER cases_creditor_on_update AFTER UPDATE OF creditor_id ON cases
  FOR EACH ROW WHEN (OLD.creditor_id IS DISTINCT FROM NEW.creditor_id) EXECUTE FUNCTION cases_check_new_creditor();
--> statement-breakpoint
CREATE FUNCTION creditors_check_cases() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  referenced uuid;
BEGIN
  SELECT k.creditor_id INTO referenced FROM cases k WHERE k.creditor_id = OLD.id
    AND NOT EXISTS (SELECT 1 FROM creditors c WHERE c.id = OLD.id) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'update or delete on table "creditors" violates the reference from "cases"'
      USING ERRCODE = 'foreign_key_violation', TABLE = 'creditors',
        DETAIL = format('Key (id)=(%s) is still referenced from table "cases".', referenced);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER creditors_cases_on_delete AFTER DELETE ON creditors
  FOR EACH ROW EXECUTE FUNCTION creditors_check_cases();
--> statement-breakpoint
CREATE TRIGGER creditors_cases_on_update AFTER UPDATE OF id ON creditors
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION creditors_check_cases();
