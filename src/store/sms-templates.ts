// The sysadmin's SMS template texts (issue 6): one row per edited key; the rest use the built-in text.
import type pg from 'pg';

export interface StoredSmsTemplate {
  readonly key: string;
  readonly text: string;
  readonly updatedAt: Date;
}

export async function loadSmsTemplateOverrides(db: pg.Pool | pg.ClientBase): Promise<StoredSmsTemplate[]> {
  const r = await db.query<{ key: string; text: string; updated_at: Date }>('SELECT key, text, updated_at FROM sms_templates ORDER BY key');
  return r.rows.map((row) => ({ key: row.key, text: row.text, updatedAt: row.updated_at }));
}
