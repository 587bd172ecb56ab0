ALTER TABLE "contact_points" DROP CONSTRAINT "contact_points_debtor_id_debtors_id_fk";
--> statement-breakpoint
-- contact_points.debtor_id references debtors(id). A FOREIGN KEY checks it row by row: one query and one
-- row lock (a heap write, WAL-logged) per contact point, the largest single cost of a bulk import
-- (docs/import-format.md, "Performance"). These triggers give the same guarantees once per statement:
-- a contact point always names an existing debtor, and a debtor named by a contact point can be neither
-- deleted nor re-keyed (as ON DELETE/UPDATE NO ACTION). Concurrency as a foreign key: the inserting
-- transaction locks the debtors it references FOR KEY SHARE until it ends, and the deleting one checks
-- for contact points after its own lock wait, with a fresh snapshot.
CREATE FUNCTION contact_points_check_debtors() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  missing uuid;
BEGIN
  -- A debtor row written by this very transaction (inserted, or updated, which already holds a stronger
  -- lock) cannot be deleted by anyone else before it ends: only the others need the lock.
  PERFORM 1 FROM debtors d
    WHERE d.id IN (SELECT n.debtor_id FROM new_contact_points n) AND d.xmin <> pg_current_xact_id()::xid
    FOR KEY SHARE;
  SELECT n.debtor_id INTO missing FROM new_contact_points n
    WHERE NOT EXISTS (SELECT 1 FROM debtors d WHERE d.id = n.debtor_id) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'insert or update on table "contact_points" violates its reference to "debtors"'
      USING ERRCODE = 'foreign_key_violation', TABLE = 'contact_points',
        DETAIL = format('Key (debtor_id)=(%s) is not present in table "debtors".', missing);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER contact_points_debtor_on_insert AFTER INSERT ON contact_points
  REFERENCING NEW TABLE AS new_contact_points FOR EACH STATEMENT EXECUTE FUNCTION contact_points_check_debtors();
--> statement-breakpoint
-- debtor_id is part of the primary key and never changes in practice: a row trigger that only fires
-- when it does (transition tables cannot be limited to a column).
CREATE FUNCTION contact_points_check_new_debtor() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM debtors d WHERE d.id = NEW.debtor_id FOR KEY SHARE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'insert or update on table "contact_points" violates its reference to "debtors"'
      USING ERRCODE = 'foreign_key_violation', TABLE = 'contact_points',
        DETAIL = format('Key (debtor_id)=(%s) is not present in table "debtors".', NEW.debtor_id);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER contact_points_debtor_on_update AFTER UPDATE OF debtor_id ON contact_points
  FOR EACH ROW WHEN (OLD.debtor_id IS DISTINCT FROM NEW.debtor_id) EXECUTE FUNCTION contact_points_check_new_debtor();
--> statement-breakpoint
CREATE FUNCTION debtors_check_contact_points() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  referenced uuid;
BEGIN
  IF TG_OP = 'DELETE' THEN
    SELECT c.debtor_id INTO referenced FROM contact_points c WHERE c.debtor_id = OLD.id LIMIT 1;
  ELSE
    SELECT c.debtor_id INTO referenced FROM contact_points c WHERE c.debtor_id = OLD.id
      AND NOT EXISTS (SELECT 1 FROM debtors d WHERE d.id = OLD.id) LIMIT 1;
  END IF;
  IF FOUND THEN
    RAISE EXCEPTION 'update or delete on table "debtors" violates the reference from "contact_points"'
      USING ERRCODE = 'foreign_key_violation', TABLE = 'debtors',
        DETAIL = format('Key (id)=(%s) is still referenced from table "contact_points".', referenced);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER debtors_contact_points_on_delete AFTER DELETE ON debtors
  FOR EACH ROW EXECUTE FUNCTION debtors_check_contact_points();
--> statement-breakpoint
CREATE TRIGGER debtors_contact_points_on_update AFTER UPDATE OF id ON debtors
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION debtors_check_contact_points();
