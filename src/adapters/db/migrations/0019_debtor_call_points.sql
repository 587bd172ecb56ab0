-- The debtor's phones and postal addresses as a call's decision reads them, kept on the debtor's row: the
-- worklist reads them with the row it already joins for the debtor's name, instead of a descent of
-- contact_points and a JSON aggregate for each of its ~32 candidates, about a fifth of its statement's
-- time on the million-case benchmark (docs/scale.md, "Call points kept with the debtor").
ALTER TABLE "debtors" ADD COLUMN "call_points" json DEFAULT '[]'::json NOT NULL;
--> statement-breakpoint
-- The value for each of the debtors `named`, from contact_points, in one pass (an import's statement names
-- thousands): positional arrays [id, kind, value, status, is_primary, valid_until (epoch ms), has a postal
-- address, postcode, country], primary first, then oldest first, then by id — what `toCallFacts` in
-- src/adapters/db/engine-case.sql.ts reads. Nothing here depends on the time of day: the engine judges
-- validity at the instant it decides.
CREATE FUNCTION debtor_call_points(named uuid[]) RETURNS TABLE (debtor_id uuid, points json) LANGUAGE sql STABLE AS $$
  SELECT n.id, coalesce(g.points, '[]'::json)
    FROM unnest(named) AS n(id)
    LEFT JOIN (SELECT p.debtor_id, json_agg(json_build_array(p.id, p.kind, p.value, p.status, p.is_primary,
                        floor(extract(epoch from p.valid_until) * 1000)::int8, p.postal IS NOT NULL, p.postal->>'postcode', p.postal->>'country')
                        ORDER BY p.is_primary DESC, p.created_at, p.id) AS points
                 FROM contact_points p WHERE p.debtor_id = ANY (named) AND p.kind IN ('phone', 'postal')
                GROUP BY p.debtor_id) g ON g.debtor_id = n.id
$$;
--> statement-breakpoint
-- After each statement on contact_points (an import's COPY is one): the debtors its rows name, recomputed
-- once each, and written only where the value changes. An import writes its new debtors with their call
-- points already (`callPointsJson` in engine-case.sql.ts), then copies their points with
-- `amiable.call_points_written` = 'new debtors': the debtors that statement names and this transaction wrote
-- are left as written, which spares recomputing every debtor of the file (any other debtor it names is
-- recomputed; test/int/call-points.int.test.ts compares an import's result with the recomputation). Concurrency:
-- the others' debtor rows are locked first, then recomputed by a second statement, whose fresh snapshot sees
-- the points of any transaction that held those locks before (two transactions adding points to one debtor:
-- the second waits for the first and then counts both).
CREATE FUNCTION debtors_refresh_call_points() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  named uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT n.debtor_id) INTO named FROM new_points n;
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT array_agg(DISTINCT k.debtor_id) INTO named FROM (SELECT debtor_id FROM new_points UNION ALL SELECT debtor_id FROM old_points) k;
  ELSE
    SELECT array_agg(DISTINCT o.debtor_id) INTO named FROM old_points o;
  END IF;
  IF current_setting('amiable.call_points_written', true) = 'new debtors' THEN
    SELECT array_agg(d.id) INTO named FROM debtors d WHERE d.id = ANY (named) AND d.xmin <> pg_current_xact_id()::xid;
  END IF;
  IF named IS NULL THEN
    RETURN NULL;
  END IF;
  -- A debtor this transaction inserted is invisible to the others until it ends: only theirs need the lock.
  PERFORM 1 FROM debtors d WHERE d.id = ANY (named) AND d.xmin <> pg_current_xact_id()::xid ORDER BY d.id FOR NO KEY UPDATE;
  UPDATE debtors d SET call_points = v.points FROM debtor_call_points(named) v
   WHERE d.id = v.debtor_id AND d.call_points::jsonb IS DISTINCT FROM v.points::jsonb;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER contact_points_call_points_on_insert AFTER INSERT ON contact_points REFERENCING NEW TABLE AS new_points
  FOR EACH STATEMENT EXECUTE FUNCTION debtors_refresh_call_points();
--> statement-breakpoint
CREATE TRIGGER contact_points_call_points_on_update AFTER UPDATE ON contact_points REFERENCING OLD TABLE AS old_points NEW TABLE AS new_points
  FOR EACH STATEMENT EXECUTE FUNCTION debtors_refresh_call_points();
--> statement-breakpoint
CREATE TRIGGER contact_points_call_points_on_delete AFTER DELETE ON contact_points REFERENCING OLD TABLE AS old_points
  FOR EACH STATEMENT EXECUTE FUNCTION debtors_refresh_call_points();
--> statement-breakpoint
UPDATE debtors d SET call_points = v.points FROM debtor_call_points(ARRAY(SELECT DISTINCT p.debtor_id FROM contact_points p)) v WHERE d.id = v.debtor_id;
