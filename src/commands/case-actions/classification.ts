// Screening (甄别): the classification and subjects that accept and reclassify set, applied to the
// stored rows and to the view the firewall then judges (DESIGN §2, §3.4).
import type { CaseView, SubjectView } from '../../domain/case-view.js';
import { isAccusation } from '../../domain/classification.js';
import type { CaseScope, CaseType } from '../../domain/data/taxonomy.js';
import type { Rank } from '../../domain/roles.js';
import { invalid } from '../command-error.js';
import { encryptText, newId, str } from './support.js';
import type { ActionScope } from './scope.js';

interface SubjectForm {
  readonly id?: string;
  readonly name?: string;
  readonly policeNumber?: string;
  readonly unitText?: string;
  readonly position?: string;
  readonly vehiclePlate?: string;
  readonly userId?: string;
  readonly unitId?: string;
  readonly rank?: Rank;
}

interface LinkedUser {
  readonly unit_id: string;
  readonly rank: Rank | null;
  readonly police_number: string | null;
}

const TEXT_COLUMNS = [
  ['name', 'name_enc'],
  ['unitText', 'unit_text_enc'],
  ['position', 'position_title_enc'],
  ['vehiclePlate', 'vehicle_plate_enc'],
] as const;

async function linkedUser(s: ActionScope, userId: string, path: string): Promise<LinkedUser> {
  const r = await s.tx.query<LinkedUser>('SELECT unit_id, rank, police_number FROM users WHERE id = $1', [userId]);
  const user = r.rows[0];
  if (user === undefined) throw invalid(path, 'unknown_user', '关联民警不存在', 'No such user');
  return user;
}

/** Applies the form's subjects (when given) and returns the subjects as the firewall will see them. */
async function applySubjects(s: ActionScope): Promise<readonly SubjectView[]> {
  const raw = s.input.subjects;
  if (!Array.isArray(raw)) return s.view.subjects;
  const forms = raw as SubjectForm[];
  const known = new Map(s.view.subjects.map((v) => [v.id, v]));
  const result: SubjectView[] = [];
  for (const [i, f] of forms.entries()) {
    const path = `subjects.${String(i)}`;
    if (f.id !== undefined && !known.has(f.id)) throw invalid(`${path}.id`, 'unknown_subject', '被反映人记录不存在', 'No such subject record');
    const id = f.id ?? newId(s);
    const linkedId = f.userId ?? known.get(id)?.userId ?? null;
    const linked = linkedId === null ? null : await linkedUser(s, linkedId, `${path}.userId`);
    // A linked officer's own unit is the subject unit the firewall keeps away: naming another unit (where it
    // happened) would leave the officer's own colleagues and head free to handle the accusation against them.
    if (linked !== null && f.unitId !== undefined && f.unitId !== linked.unit_id) {
      throw invalid(`${path}.unitId`, 'unit_not_of_user', '关联民警不属于该单位；如需事发单位一并回避，请另加一名仅关联单位的被反映人', "The linked officer does not belong to this unit; to keep the unit where it happened away too, add a subject linked to that unit only");
    }
    const user = f.userId === undefined ? null : linked;
    const unitId = f.unitId ?? user?.unit_id ?? known.get(id)?.unitId ?? null;
    if (unitId !== null && !s.org.units.has(unitId)) throw invalid(`${path}.unitId`, 'unknown_unit', '单位不存在', 'No such unit');
    const rank = f.rank ?? user?.rank ?? known.get(id)?.rank ?? null;
    const policeNumber = f.policeNumber ?? user?.police_number ?? undefined;
    const pnKey = policeNumber === undefined ? (known.get(id)?.policeNumber ?? null) : s.deps.blind.index('police-number', policeNumber).toString('hex');
    result.push({ id, userId: f.userId ?? known.get(id)?.userId ?? null, unitId, policeNumber: pnKey, rank });
    const enc = (column: string, v: string | undefined): Buffer | null => (v === undefined ? null : encryptText(s, 'subjects', column, id, v));
    const texts = TEXT_COLUMNS.map(([field, column]) => enc(column, f[field]));
    const pnEnc = enc('police_number_enc', policeNumber);
    const pnBidx = policeNumber === undefined ? null : s.deps.blind.index('police-number', policeNumber);
    if (f.id === undefined) {
      s.change.write((tx) =>
        tx.query(
          `INSERT INTO subjects (id, case_id, position, name_enc, unit_text_enc, position_title_enc, vehicle_plate_enc, police_number_enc, police_number_bidx, linked_user_id, linked_unit_id, rank, created_at)
           VALUES ($1, $2, $3::int, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::timestamptz)`,
          [id, s.record.row.id, i + 1, ...texts, pnEnc, pnBidx, f.userId ?? null, unitId, rank, s.now],
        ),
      );
    } else {
      // Absent fields keep what was recorded: screening adds and links, it does not blank out.
      s.change.write((tx) =>
        tx.query(
          `UPDATE subjects SET position = $2::int, name_enc = COALESCE($3, name_enc), unit_text_enc = COALESCE($4, unit_text_enc),
             position_title_enc = COALESCE($5, position_title_enc), vehicle_plate_enc = COALESCE($6, vehicle_plate_enc),
             police_number_enc = COALESCE($7, police_number_enc), police_number_bidx = COALESCE($8, police_number_bidx),
             linked_user_id = COALESCE($9, linked_user_id), linked_unit_id = $10, rank = $11
           WHERE id = $1`,
          [id, i + 1, ...texts, pnEnc, pnBidx, f.userId ?? null, unitId, rank],
        ),
      );
    }
  }
  const kept = new Set(result.map((r) => r.id));
  const removed = s.view.subjects.filter((v) => !kept.has(v.id)).map((v) => v.id);
  if (removed.length > 0) s.change.write((tx) => tx.query('DELETE FROM subjects WHERE id = ANY($1::uuid[])', [removed]));
  return result;
}

/** Sets type, scope and the dictionaries from the form, links the subjects, and returns the case as it will be. */
export async function applyClassification(s: ActionScope): Promise<CaseView> {
  const type = (str(s, 'type') ?? s.view.type) as CaseType;
  const scope = (s.input.scope === undefined ? s.view.scope : str(s, 'scope')) as CaseScope | null;
  const subjects = await applySubjects(s);
  const accusation = isAccusation({ type, scope, subjectCount: subjects.length });
  const c = s.change;
  c.set('type', type).set('scope', scope).set('isAccusation', accusation);
  for (const [field, name] of [['problemType', 'problemType'], ['policeBranch', 'policeBranch'], ['urgency', 'urgency']] as const) {
    const v = str(s, name);
    if (v !== undefined) c.set(field, v);
  }
  if (typeof s.input.businessRelated === 'boolean') c.set('businessRelated', s.input.businessRelated);
  return { ...s.view, type, scope, subjects, isAccusation: accusation };
}

/** An accusation is accepted only with its subjects linked, or "not identifiable" confirmed (DESIGN §3.4). */
export function assertSubjectsIdentified(s: ActionScope, view: CaseView): void {
  if (!view.isAccusation || s.confirmed === 'not_identifiable') return;
  const unlinked = view.subjects.length === 0 || view.subjects.some((x) => x.unitId === null && x.userId === null);
  if (unlinked) throw invalid('subjects', 'subjects_not_linked', '举报件须关联被反映人及其单位，或勾选“被反映人无法确定”并经第二人确认', 'An accusation needs its subjects linked to a user or unit, or "not identifiable" confirmed by a second person');
}
