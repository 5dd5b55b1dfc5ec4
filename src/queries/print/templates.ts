// The print templates in force: the sysadmin's edited text where there is one, the reviewed default otherwise.
import type pg from 'pg';
import { DEFAULT_PRINT_TEMPLATES } from '../../domain/data/print-templates.js';
import { DOCUMENT_INFO, DOCUMENT_KINDS, type DocumentKind } from '../../domain/print/documents.js';
import type { Bilingual } from '../../domain/i18n-text.js';

export interface PrintTemplate {
  readonly kind: DocumentKind;
  readonly label: Bilingual;
  readonly title: string;
  readonly body: string;
  /** the 交办单's number prefix; null elsewhere, and for the 交办单 while the bureau's default applies */
  readonly numberPrefix: string | null;
  readonly source: 'default' | 'bureau';
  readonly updatedAt: string | null;
}

interface Row {
  kind: string;
  title: string;
  body: string;
  number_prefix: string | null;
  updated_at: Date;
}

function templateOf(kind: DocumentKind, row: Row | undefined): PrintTemplate {
  const label = DOCUMENT_INFO[kind].label;
  if (row === undefined) return { kind, label, ...DEFAULT_PRINT_TEMPLATES[kind], numberPrefix: null, source: 'default', updatedAt: null };
  return { kind, label, title: row.title, body: row.body, numberPrefix: row.number_prefix, source: 'bureau', updatedAt: row.updated_at.toISOString() };
}

export async function printTemplate(db: pg.ClientBase, kind: DocumentKind): Promise<PrintTemplate> {
  const r = await db.query<Row>('SELECT kind, title, body, number_prefix, updated_at FROM print_templates WHERE kind = $1', [kind]);
  return templateOf(kind, r.rows[0]);
}

export async function printTemplates(db: pg.ClientBase | pg.Pool): Promise<PrintTemplate[]> {
  const r = await db.query<Row>('SELECT kind, title, body, number_prefix, updated_at FROM print_templates');
  const byKind = new Map(r.rows.map((row) => [row.kind, row]));
  return DOCUMENT_KINDS.map((kind) => templateOf(kind, byKind.get(kind)));
}
