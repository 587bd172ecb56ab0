ALTER TABLE "contact_points" DROP CONSTRAINT "contact_points_debtor_id_debtors_id_fk";
--> statement-breakpoint
-- A reference (child column → parent table and column, uuid keys) enforced once per statement instead of
-- by a FOREIGN KEY. A foreign key runs one query per inserted row and locks the referenced row (a heap
-- write, WAL-logged): three of each per imported claim for contact points (docs/import-format.md,
-- "Performance").
-- These functions give the same guarantees: a child row always names an existing parent, and a parent
-- named by a child can be neither deleted nor re-keyed (as ON DELETE/UPDATE NO ACTION). Concurrency as
-- a foreign key: the inserting transaction locks the parents it names FOR KEY SHARE until it ends, and
-- the deleting one checks for children after its own lock wait, with a fresh snapshot.
--
-- The error a foreign key would raise (same SQLSTATE, same detail).
CREATE FUNCTION reference_missing(child text, child_column text, key text, parent text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'insert or update on table "%" violates its reference to "%"', child, parent
    USING ERRCODE = 'foreign_key_violation', TABLE = child,
      DETAIL = format('Key (%s)=(%s) is not present in table "%s".', child_column, key, parent);
END;
$$;
--> statement-breakpoint
-- After INSERT, per statement, on the child; TG_ARGV: child column, parent table, parent column; the
-- statement's rows as the transition table new_rows.
CREATE FUNCTION reference_check_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  missing text;
BEGIN
  -- A parent row written by this very transaction (inserted, or updated, which already holds a stronger
  -- lock) cannot be deleted by anyone else before it ends: only the others need the lock.
  EXECUTE format('SELECT 1 FROM %I p WHERE p.%I IN (SELECT n.%I FROM new_rows n) AND p.xmin <> pg_current_xact_id()::xid FOR KEY SHARE',
    TG_ARGV[1], TG_ARGV[2], TG_ARGV[0]);
  EXECUTE format('SELECT n.%I::text FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM %I p WHERE p.%I = n.%I) LIMIT 1',
    TG_ARGV[0], TG_ARGV[1], TG_ARGV[2], TG_ARGV[0]) INTO missing;
  IF missing IS NOT NULL THEN
    PERFORM reference_missing(TG_TABLE_NAME, TG_ARGV[0], missing, TG_ARGV[1]);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- After UPDATE, per row, on the child, only when the key changes (never in practice: transition tables
-- cannot be limited to a column). Same arguments.
CREATE FUNCTION reference_check_updated() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  key text := to_jsonb(NEW) ->> TG_ARGV[0];
  locked integer;
BEGIN
  EXECUTE format('SELECT 1 FROM %I p WHERE p.%I = $1::uuid FOR KEY SHARE', TG_ARGV[1], TG_ARGV[2]) USING key;
  GET DIAGNOSTICS locked = ROW_COUNT;
  IF locked = 0 THEN
    PERFORM reference_missing(TG_TABLE_NAME, TG_ARGV[0], key, TG_ARGV[1]);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- After DELETE, or UPDATE when the key changes, per row, on the parent; TG_ARGV: parent column, child
-- table, child column.
CREATE FUNCTION reference_check_parent_gone() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  key text := to_jsonb(OLD) ->> TG_ARGV[0];
  referenced boolean;
BEGIN
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I c WHERE c.%I = $1::uuid) AND NOT EXISTS (SELECT 1 FROM %I p WHERE p.%I = $1::uuid)',
    TG_ARGV[1], TG_ARGV[2], TG_TABLE_NAME, TG_ARGV[0]) INTO referenced USING key;
  IF referenced THEN
    RAISE EXCEPTION 'update or delete on table "%" violates the reference from "%"', TG_TABLE_NAME, TG_ARGV[1]
      USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME,
        DETAIL = format('Key (%s)=(%s) is still referenced from table "%s".', TG_ARGV[0], key, TG_ARGV[1]);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER contact_points_debtor_on_insert AFTER INSERT ON contact_points REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION reference_check_inserted('debtor_id', 'debtors', 'id');
--> statement-breakpoint
CREATE TRIGGER contact_points_debtor_on_update AFTER UPDATE OF debtor_id ON contact_points
  FOR EACH ROW WHEN (OLD.debtor_id IS DISTINCT FROM NEW.debtor_id) EXECUTE FUNCTION reference_check_updated('debtor_id', 'debtors', 'id');
--> statement-breakpoint
CREATE TRIGGER debtors_contact_points_on_delete AFTER DELETE ON debtors
  FOR EACH ROW EXECUTE FUNCTION reference_check_parent_gone('id', 'contact_points', 'debtor_id');
--> statement-breakpoint
CREATE TRIGGER debtors_contact_points_on_update AFTER UPDATE OF id ON debtors
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION reference_check_parent_gone('id', 'contact_points', 'debtor_id');
