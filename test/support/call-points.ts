/**
 * The debtor's call points read straight from contact_points, as the worklist read them before migration 0019
 * kept them on the debtor's row: the tests' reference for `debtors.call_points` (written independently of the
 * migration's `debtor_call_points`, which it must equal).
 */
import { sql, type SQL } from 'drizzle-orm';

const epochMs = (column: string) => sql.raw(`floor(extract(epoch from ${column}) * 1000)::int8`);

export const callPointsOf = (debtorId: SQL) => sql`(select coalesce(json_agg(json_build_array(p.id, p.kind, p.value, p.status, p.is_primary, ${epochMs('p.valid_until')},
              p.postal is not null, p.postal->>'postcode', p.postal->>'country') order by p.is_primary desc, p.created_at, p.id), '[]'::json)
      from contact_points p where p.debtor_id = ${debtorId} and p.kind in ('phone', 'postal'))`;
