// 打印 (issue 4): one document of one case as structured plain text, for a reader who may open the case.
// The same scope as the case detail (one byte-identical 404), the reporter as DESIGN §7.2 allows, and the
// print on record — with the 交办单's number, assigned by its first print — before any byte leaves.
import type { Bilingual } from '../domain/i18n-text.js';
import { DOCUMENT_INFO, DOCUMENT_KINDS, printRefusal, type DocumentKind, type PrintRefusal } from '../domain/print/documents.js';
import { defaultNumberPrefix, documentNumberText, renderTemplate, type PrintBlock } from '../domain/print/template.js';
import { insertAudit } from '../store/audit-rows.js';
import { localDateOf } from '../store/case-view-of.js';
import { dispatchNumberFor } from '../store/dispatch-numbers.js';
import { readableCase } from '../queries/cases/readable.js';
import { gatherPrintValues } from '../queries/print/print-values.js';
import { printTemplate } from '../queries/print/templates.js';
import type { StaffActor } from './case-actions/scope.js';
import { CommandError } from './command-error.js';
import { inTransaction, type Deps } from './deps.js';

export interface PrintedDocument {
  readonly kind: DocumentKind;
  readonly label: Bilingual;
  readonly caseNumber: string;
  /** the issuing organ for the heading (the root of the unit tree) */
  readonly organ: string;
  readonly title: string;
  readonly documentNumber: string | null;
  readonly blocks: readonly PrintBlock[];
  readonly printedAt: string;
  readonly printedBy: string;
}

export interface DocumentOffer {
  readonly kind: DocumentKind;
  readonly label: Bilingual;
  readonly available: boolean;
  readonly reason: Bilingual | null;
}

const REASONS: Readonly<Record<PrintRefusal, Bilingual>> = {
  role: { zh: '此文书仅由中心相关人员打印', en: 'Only the centre staff concerned print this document' },
  not_yet: { zh: '本案尚无此文书所需的办理记录', en: 'The case has no record this document needs yet' },
};

/** The documents of a case and whether this reader may print each now; nothing of the case leaves. */
export async function documentsOf(deps: Deps, actor: StaffActor, caseNumber: string): Promise<DocumentOffer[]> {
  return inTransaction(deps.pool, async (tx) => {
    const readable = await readableCase(deps, tx, actor, caseNumber);
    const { facts } = await gatherPrintValues(deps, tx, readable, actor);
    return DOCUMENT_KINDS.map((kind) => {
      const refusal = printRefusal(kind, actor.roles, facts);
      return { kind, label: DOCUMENT_INFO[kind].label, available: refusal === null, reason: refusal === null ? null : REASONS[refusal] };
    });
  });
}

export async function printDocument(deps: Deps, actor: StaffActor, caseNumber: string, kind: DocumentKind): Promise<PrintedDocument> {
  return inTransaction(deps.pool, async (tx) => {
    const readable = await readableCase(deps, tx, actor, caseNumber);
    const gathered = await gatherPrintValues(deps, tx, readable, actor);
    const refusal = printRefusal(kind, actor.roles, gathered.facts);
    if (refusal === 'role') throw new CommandError('forbidden', REASONS.role);
    if (refusal === 'not_yet') throw new CommandError('wrong_state', REASONS.not_yet);
    const template = await printTemplate(tx, kind);
    const now = deps.clock.now();
    const organ = gathered.values.bureauName ?? '';
    let documentNumber: string | null = null;
    if (kind === 'dispatch' && gathered.level !== null) {
      const prefix = template.numberPrefix ?? defaultNumberPrefix(organ);
      const year = Number(localDateOf(gathered.level.assignedAt, deps.timezone).slice(0, 4));
      documentNumber = (await dispatchNumberFor(tx, { id: gathered.level.id, year }, { format: (y, seq) => documentNumberText(prefix, y, seq), by: actor.userId, at: now })).number;
    }
    const values = { ...gathered.values, documentNumber: documentNumber ?? '' };
    const blocks = renderTemplate(template.body, values);
    // What went out, on record before it goes: which document, its number, how much of the reporter it showed.
    const shown = gathered.reporterAccess === 'none' || !/\{\{\s*reporter/u.test(template.body) ? null : `reporter:${gathered.reporterAccess}`;
    const target = [`print:${kind}`, documentNumber === null ? null : `no:${documentNumber}`, shown].filter((x) => x !== null).join(';');
    await insertAudit(tx, { actorKind: 'staff', actorUserId: actor.userId, action: 'case.print', caseId: readable.record.row.id, target });
    return {
      kind,
      label: DOCUMENT_INFO[kind].label,
      caseNumber: readable.record.row.caseNumber,
      organ,
      title: template.title,
      documentNumber,
      blocks,
      printedAt: now.toISOString(),
      printedBy: actor.displayName,
    };
  });
}
