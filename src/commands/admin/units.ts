// The unit tree (DESIGN §1), kept by the sysadmin: create, rename, move, set kind and the 督察 flag.
// A unit that has users, sub-units or any case history is never deleted: cases and the audit name it.
import type pg from 'pg';
import { moveRefusal } from '../../domain/admin-rules.js';
import type { UnitKind } from '../../domain/units.js';
import { loadOrg } from '../../store/reference-data.js';
import { inTransaction, type Deps } from '../deps.js';
import { uuidv7 } from '../ids.js';
import { auditAdmin, isForeignKeyViolation, isUniqueViolation, notFound, refuse, requireAdmin, type AdminActor } from './support.js';

export interface NewUnit {
  readonly code: string;
  readonly name: string;
  readonly parentId: string;
  readonly kind: UnitKind;
  readonly inspection: boolean;
}

export interface UnitChange {
  readonly name?: string | undefined;
  readonly parentId?: string | undefined;
  readonly kind?: UnitKind | undefined;
  readonly inspection?: boolean | undefined;
}

const codeTaken = () => refuse('wrong_state', 'code', 'taken', { zh: '单位代码已被使用。', en: 'The unit code is already taken.' });
const unknownParent = () => refuse('invalid', 'parentId', 'unknown_parent', { zh: '上级单位不存在。', en: 'The parent unit does not exist.' });

/** Serialises tree edits, so two moves cannot together build a cycle that neither saw alone. */
async function lockTree(tx: pg.ClientBase): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('zhitong.units'))`);
}

export async function createUnit(deps: Deps, actor: AdminActor, u: NewUnit): Promise<{ unitId: string }> {
  requireAdmin(actor, 'sysadmin');
  try {
    return await inTransaction(deps.pool, async (tx) => {
      await lockTree(tx);
      if ((await tx.query('SELECT 1 FROM units WHERE id = $1', [u.parentId])).rowCount === 0) throw unknownParent();
      const unitId = uuidv7(deps.clock.now().getTime());
      await tx.query('INSERT INTO units (id, code, name, parent_id, kind, inspection, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        unitId, u.code, u.name, u.parentId, u.kind, u.inspection, deps.clock.now(),
      ]);
      await auditAdmin(tx, deps, actor, 'admin.unit_created', `unit:${unitId}`, { code: u.code, name: u.name, parentId: u.parentId, kind: u.kind, inspection: String(u.inspection) });
      return { unitId };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw codeTaken();
    throw err;
  }
}

export async function updateUnit(deps: Deps, actor: AdminActor, unitId: string, change: UnitChange): Promise<void> {
  requireAdmin(actor, 'sysadmin');
  await inTransaction(deps.pool, async (tx) => {
    await lockTree(tx);
    const org = await loadOrg(tx);
    if (!org.tree.units.has(unitId)) throw notFound();
    if (change.parentId !== undefined) {
      const refusal = moveRefusal(org.tree, unitId, change.parentId);
      if (refusal === 'unknown_parent') throw unknownParent();
      if (refusal === 'root') throw refuse('invalid', 'parentId', 'root', { zh: '市局是单位树的根，不能移动。', en: 'The city bureau is the root of the tree and cannot move.' });
      if (refusal === 'cycle') throw refuse('invalid', 'parentId', 'cycle', { zh: '不能移到本单位或其下级单位之下。', en: 'A unit cannot move under itself or one of its sub-units.' });
    }
    const sets: string[] = [];
    const params: unknown[] = [unitId];
    const details: Record<string, string> = {};
    for (const [column, value] of [['name', change.name], ['parent_id', change.parentId], ['kind', change.kind], ['inspection', change.inspection]] as const) {
      if (value === undefined) continue;
      params.push(value);
      sets.push(`${column} = $${String(params.length)}`);
      details[column] = String(value);
    }
    if (sets.length === 0) return;
    await tx.query(`UPDATE units SET ${sets.join(', ')} WHERE id = $1`, params);
    await auditAdmin(tx, deps, actor, 'admin.unit_updated', `unit:${unitId}`, details);
  });
}

// Every table that names a unit: a unit still named anywhere stays.
const REFERENCES = [
  'SELECT 1 FROM users WHERE unit_id = $1',
  'SELECT 1 FROM units WHERE parent_id = $1',
  'SELECT 1 FROM cases WHERE current_unit_id = $1 OR proposed_unit_id = $1',
  'SELECT 1 FROM dispatch_levels WHERE unit_id = $1 OR $1 = ANY(co_unit_ids)',
  'SELECT 1 FROM subjects WHERE linked_unit_id = $1',
  'SELECT 1 FROM timeline WHERE unit_id = $1',
] as const;

export async function deleteUnit(deps: Deps, actor: AdminActor, unitId: string): Promise<void> {
  requireAdmin(actor, 'sysadmin');
  const inUse = () => refuse('wrong_state', 'unitId', 'in_use', { zh: '该单位有用户、下级单位或案件记录，不能删除。', en: 'The unit has users, sub-units or case records and cannot be deleted.' });
  try {
    await inTransaction(deps.pool, async (tx) => {
      await lockTree(tx);
      const unit = await tx.query<{ code: string; parent_id: string | null }>('SELECT code, parent_id FROM units WHERE id = $1 FOR UPDATE', [unitId]);
      const row = unit.rows[0];
      if (row === undefined) throw notFound();
      for (const sql of REFERENCES) if ((await tx.query(`${sql} LIMIT 1`, [unitId])).rowCount !== 0) throw inUse();
      await tx.query('DELETE FROM units WHERE id = $1', [unitId]);
      await auditAdmin(tx, deps, actor, 'admin.unit_deleted', `unit:${unitId}`, { code: row.code });
    });
  } catch (err) {
    // Any other table that names the unit (notes, grants) still keeps it.
    if (isForeignKeyViolation(err)) throw inUse();
    throw err;
  }
}
