ALTER TABLE "case_events" DROP CONSTRAINT "case_events_creditor_id_case_id_cases_creditor_id_id_fk";
--> statement-breakpoint
-- case_events (creditor_id, case_id) references cases (creditor_id, id), checked once per statement
-- instead of by a FOREIGN KEY, which ran one query (and a row lock) per event: a bank file books
-- 100,000 payments, two events or more each, a thousand payments per statement (docs/payments.md).
-- The functions of migration 0012 for a two-column key, with the same guarantees: an event always
-- names an existing case, and a case named by an event can be neither deleted nor re-keyed.
--
-- After INSERT, per statement, on the child; TG_ARGV: the two child columns, the parent table, the two
-- parent columns; the statement's rows as the transition table new_rows.
CREATE FUNCTION reference_pair_check_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  missing text;
BEGIN
  -- As reference_check_inserted: parents written by this transaction need no lock.
  EXECUTE format('SELECT 1 FROM %I p WHERE (p.%I, p.%I) IN (SELECT n.%I, n.%I FROM new_rows n) AND p.xmin <> pg_current_xact_id()::xid FOR KEY SHARE',
    TG_ARGV[2], TG_ARGV[3], TG_ARGV[4], TG_ARGV[0], TG_ARGV[1]);
  EXECUTE format('SELECT n.%I::text || '', '' || n.%I::text FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM %I p WHERE p.%I = n.%I AND p.%I = n.%I) LIMIT 1',
    TG_ARGV[0], TG_ARGV[1], TG_ARGV[2], TG_ARGV[3], TG_ARGV[0], TG_ARGV[4], TG_ARGV[1]) INTO missing;
  IF missing IS NOT NULL THEN
    PERFORM reference_missing(TG_TABLE_NAME, TG_ARGV[0] || ', ' || TG_ARGV[1], missing, TG_ARGV[2]);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- After UPDATE, per row, on the child, only when the key changes. Same arguments.
CREATE FUNCTION reference_pair_check_updated() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  first_key text := to_jsonb(NEW) ->> TG_ARGV[0];
  second_key text := to_jsonb(NEW) ->> TG_ARGV[1];
  locked integer;
BEGIN
  EXECUTE format('SELECT 1 FROM %I p WHERE p.%I = $1::uuid AND p.%I = $2::uuid FOR KEY SHARE', TG_ARGV[2], TG_ARGV[3], TG_ARGV[4])
    USING first_key, second_key;
  GET DIAGNOSTICS locked = ROW_COUNT;
  IF locked = 0 THEN
    PERFORM reference_missing(TG_TABLE_NAME, TG_ARGV[0] || ', ' || TG_ARGV[1], first_key || ', ' || second_key, TG_ARGV[2]);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- After DELETE, or UPDATE when the key changes, per row, on the parent; TG_ARGV: the two parent
-- columns, the child table, the two child columns.
CREATE FUNCTION reference_pair_check_parent_gone() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  first_key text := to_jsonb(OLD) ->> TG_ARGV[0];
  second_key text := to_jsonb(OLD) ->> TG_ARGV[1];
  referenced boolean;
BEGIN
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I c WHERE c.%I = $1::uuid AND c.%I = $2::uuid) AND NOT EXISTS (SELECT 1 FROM %I p WHERE p.%I = $1::uuid AND p.%I = $2::uuid)',
    TG_ARGV[2], TG_ARGV[3], TG_ARGV[4], TG_TABLE_NAME, TG_ARGV[0], TG_ARGV[1]) INTO referenced USING first_key, second_key;
  IF referenced THEN
    RAISE EXCEPTION 'update or delete on table "%" violates the reference from "%"', TG_TABLE_NAME, TG_ARGV[2]
      USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME,
        DETAIL = format('Key (%s, %s)=(%s, %s) is still referenced from table "%s".', TG_ARGV[0], TG_ARGV[1], first_key, second_key, TG_ARGV[2]);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER case_events_case_on_insert AFTER INSERT ON case_events REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION reference_pair_check_inserted('creditor_id', 'case_id', 'cases', 'creditor_id', 'id');
--> statement-breakpoint
CREATE TRIGGER case_events_case_on_update AFTER UPDATE OF creditor_id, case_id ON case_events
  FOR EACH ROW WHEN (OLD.creditor_id IS DISTINCT FROM NEW.creditor_id OR OLD.case_id IS DISTINCT FROM NEW.case_id)
  EXECUTE FUNCTION reference_pair_check_updated('creditor_id', 'case_id', 'cases', 'creditor_id', 'id');
--> statement-breakpoint
CREATE TRIGGER cases_case_events_on_delete AFTER DELETE ON cases
  FOR EACH ROW EXECUTE FUNCTION reference_pair_check_parent_gone('creditor_id', 'id', 'case_events', 'creditor_id', 'case_id');
--> statement-breakpoint
CREATE TRIGGER cases_case_events_on_update AFTER UPDATE OF creditor_id, id ON cases
  FOR EACH ROW WHEN (OLD.creditor_id IS DISTINCT FROM NEW.creditor_id OR OLD.id IS DISTINCT FROM NEW.id)
  EXECUTE FUNCTION reference_pair_check_parent_gone('creditor_id', 'id', 'case_events', 'creditor_id', 'case_id');
