// Dictionary entries (DESIGN §2) edited by the sysadmin. The first edit of a dictionary copies the
// reviewed defaults into the table, so the table is then the whole truth. Codes are stored on cases,
// so an entry is never deleted: it is deactivated (with its children) and stays readable.
import type pg from 'pg';
import { DICTIONARY_INFO, defaultEntries, type Dictionary } from '../../domain/dictionaries.js';
import type { Bilingual } from '../../domain/i18n-text.js';
import { inTransaction, type Deps } from '../deps.js';
import { auditAdmin, isUniqueViolation, notFound, refuse, requireAdmin, type AdminActor } from './support.js';

export interface NewEntry {
  readonly code: string;
  readonly parentCode?: string | undefined;
  readonly name: Bilingual;
  readonly position?: number | undefined;
}

export interface EntryChange {
  readonly name?: Partial<Bilingual> | undefined;
  readonly position?: number | undefined;
  readonly active?: boolean | undefined;
}

/** Copies the defaults in once; a lock keeps two first edits from seeding twice. */
async function seedIfEmpty(tx: pg.ClientBase, dictionary: Dictionary, now: Date): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`zhitong.dictionary.${dictionary}`]);
  if ((await tx.query('SELECT 1 FROM dictionary_entries WHERE dictionary = $1 LIMIT 1', [dictionary])).rowCount !== 0) return;
  for (const e of defaultEntries(dictionary)) {
    await tx.query(
      'INSERT INTO dictionary_entries (dictionary, code, parent_code, name_zh, name_en, position, active, updated_at) VALUES ($1, $2, $3, $4, $5, $6, true, $7)',
      [dictionary, e.code, e.parentCode, e.name.zh, e.name.en, e.position, now],
    );
  }
}

export async function addDictionaryEntry(deps: Deps, actor: AdminActor, dictionary: Dictionary, e: NewEntry): Promise<void> {
  requireAdmin(actor, 'sysadmin');
  try {
    await inTransaction(deps.pool, async (tx) => {
      const now = deps.clock.now();
      await seedIfEmpty(tx, dictionary, now);
      const parentCode = e.parentCode ?? null;
      if (parentCode !== null) {
        if (DICTIONARY_INFO[dictionary].levels < 2) throw refuse('invalid', 'parentCode', 'single_level', { zh: '此字典只有一级。', en: 'This dictionary has one level only.' });
        const parent = await tx.query<{ parent_code: string | null }>('SELECT parent_code FROM dictionary_entries WHERE dictionary = $1 AND code = $2', [dictionary, parentCode]);
        const row = parent.rows[0];
        if (row === undefined || row.parent_code !== null) throw refuse('invalid', 'parentCode', 'unknown_parent', { zh: '上级类别不存在或不是一级类别。', en: 'The parent does not exist or is not a first-level entry.' });
      }
      const last = await tx.query<{ n: number }>(
        'SELECT COALESCE(max(position), 0)::int AS n FROM dictionary_entries WHERE dictionary = $1 AND parent_code IS NOT DISTINCT FROM $2',
        [dictionary, parentCode],
      );
      const position = e.position ?? (last.rows[0]?.n ?? 0) + 1;
      await tx.query(
        'INSERT INTO dictionary_entries (dictionary, code, parent_code, name_zh, name_en, position, active, updated_at) VALUES ($1, $2, $3, $4, $5, $6, true, $7)',
        [dictionary, e.code, parentCode, e.name.zh, e.name.en, position, now],
      );
      await auditAdmin(tx, deps, actor, 'admin.dictionary_entry_added', `dictionary:${dictionary}:${e.code}`, { parentCode: parentCode ?? '', nameZh: e.name.zh, nameEn: e.name.en });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw refuse('wrong_state', 'code', 'taken', { zh: '该代码已存在。', en: 'The code already exists.' });
    throw err;
  }
}

export async function updateDictionaryEntry(deps: Deps, actor: AdminActor, dictionary: Dictionary, code: string, change: EntryChange): Promise<void> {
  requireAdmin(actor, 'sysadmin');
  await inTransaction(deps.pool, async (tx) => {
    const now = deps.clock.now();
    await seedIfEmpty(tx, dictionary, now);
    const r = await tx.query<{ name_zh: string; name_en: string; position: number; active: boolean }>(
      'SELECT name_zh, name_en, position, active FROM dictionary_entries WHERE dictionary = $1 AND code = $2 FOR UPDATE',
      [dictionary, code],
    );
    const row = r.rows[0];
    if (row === undefined) throw notFound();
    const next = { zh: change.name?.zh ?? row.name_zh, en: change.name?.en ?? row.name_en, position: change.position ?? row.position, active: change.active ?? row.active };
    await tx.query('UPDATE dictionary_entries SET name_zh = $3, name_en = $4, position = $5, active = $6, updated_at = $7 WHERE dictionary = $1 AND code = $2', [
      dictionary, code, next.zh, next.en, next.position, next.active, now,
    ]);
    // A first-level entry switched off takes its children with it; switched on, they stay as they are.
    if (change.active === false) {
      await tx.query('UPDATE dictionary_entries SET active = false, updated_at = $3 WHERE dictionary = $1 AND parent_code = $2', [dictionary, code, now]);
    }
    const details: Record<string, string> = {};
    if (change.name?.zh !== undefined) details.nameZh = next.zh;
    if (change.name?.en !== undefined) details.nameEn = next.en;
    if (change.position !== undefined) details.position = String(next.position);
    if (change.active !== undefined) details.active = String(next.active);
    await auditAdmin(tx, deps, actor, 'admin.dictionary_entry_updated', `dictionary:${dictionary}:${code}`, details);
  });
}
