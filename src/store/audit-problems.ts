// What `audit verify` can find, as data: the verifier records each problem as the English sentence the CLI
// prints and the audit_verifications row keeps (text[]), and the auditor's chain status reads the sentences
// back into kinds and the records, seals and cases they name, so the console words them in its own
// languages. The sentences and their patterns sit side by side here; a round-trip test keeps them in step.

export type AuditProblem =
  | { readonly kind: 'seal_out_of_order'; readonly seal: string }
  | { readonly kind: 'seal_records_missing'; readonly seal: string; readonly covered: number; readonly remaining: number; readonly record: string }
  | { readonly kind: 'record_altered'; readonly record: string; readonly seal: string }
  | { readonly kind: 'anchor_missing' }
  | { readonly kind: 'anchored_seal_missing'; readonly seal: string; readonly anchoredAt: string }
  | { readonly kind: 'seal_differs_from_anchor'; readonly seal: string; readonly anchoredAt: string }
  | { readonly kind: 'case_unaudited'; readonly caseRef: string }
  | { readonly kind: 'case_replayed'; readonly caseRef: string }
  | { readonly kind: 'case_changed'; readonly caseRef: string }
  | { readonly kind: 'case_row_gone'; readonly caseRef: string }
  /** the verification job keeps the first problems and counts the rest */
  | { readonly kind: 'more'; readonly count: number };

export type AuditProblemKind = AuditProblem['kind'] | 'other';

export const AUDIT_PROBLEM_KINDS: readonly AuditProblemKind[] = [
  'seal_out_of_order', 'seal_records_missing', 'record_altered', 'anchor_missing', 'anchored_seal_missing',
  'seal_differs_from_anchor', 'case_unaudited', 'case_replayed', 'case_changed', 'case_row_gone', 'more', 'other',
];

/** One problem as GET /api/v1/admin/audit/chain sends it: by kind and what it names, so the console can
 * word it; `text` is the verifier's own sentence. */
export interface ChainProblem {
  readonly kind: AuditProblemKind;
  readonly text: string;
  readonly record: string | null;
  readonly seal: string | null;
  readonly caseRef: string | null;
  readonly anchoredAt: string | null;
  readonly covered: number | null;
  readonly remaining: number | null;
  readonly count: number | null;
}

const CHANGED_PARTS = 'reporter, subjects, messages, attachments, dispatch chain, decisions, results, replies, notes, follow-ups';

/** The CLI's sentence, unchanged from before the problems had kinds (operators' runbooks quote them). */
export function auditProblemText(p: AuditProblem): string {
  switch (p.kind) {
    case 'seal_out_of_order': return `audit seal ${p.seal} does not follow the seal before it`;
    case 'seal_records_missing': return `audit seal ${p.seal} covers ${String(p.covered)} records but ${String(p.remaining)} remain (first record in range: ${p.record})`;
    case 'record_altered': return `audit record ${p.record} was altered (seal ${p.seal} no longer matches)`;
    case 'anchor_missing': return 'no audit anchor was found for this installation: the anchor file beside the key is missing or the installation id was changed';
    case 'anchored_seal_missing': return `audit seal ${p.seal} anchored at ${p.anchoredAt} is missing: the end of the audit trail was deleted`;
    case 'seal_differs_from_anchor': return `audit seal ${p.seal} differs from its anchor of ${p.anchoredAt}`;
    case 'case_unaudited': return `case ${p.caseRef} has no audit record`;
    case 'case_replayed': return `case ${p.caseRef} has an earlier audit record replayed as its latest`;
    case 'case_changed': return `case ${p.caseRef} was changed outside Zhitong (it or one of its parts — ${CHANGED_PARTS} — no longer matches its last audit record)`;
    case 'case_row_gone': return `case ${p.caseRef} has audit records but its row is gone`;
    case 'more': return `… ${String(p.count)} more`;
  }
}

const WORD = '(\\S+)';
const READERS: readonly { readonly re: RegExp; readonly read: (m: string[]) => AuditProblem }[] = [
  { re: re(`audit seal ${WORD} does not follow the seal before it`), read: (m) => ({ kind: 'seal_out_of_order', seal: at(m, 1) }) },
  {
    re: re(`audit seal ${WORD} covers (\\d+) records but (\\d+) remain \\(first record in range: ${WORD}\\)`),
    read: (m) => ({ kind: 'seal_records_missing', seal: at(m, 1), covered: Number(at(m, 2)), remaining: Number(at(m, 3)), record: at(m, 4) }),
  },
  { re: re(`audit record ${WORD} was altered \\(seal ${WORD} no longer matches\\)`), read: (m) => ({ kind: 'record_altered', record: at(m, 1), seal: at(m, 2) }) },
  { re: re('no audit anchor was found for this installation: .*'), read: () => ({ kind: 'anchor_missing' }) },
  { re: re(`audit seal ${WORD} anchored at ${WORD} is missing: .*`), read: (m) => ({ kind: 'anchored_seal_missing', seal: at(m, 1), anchoredAt: at(m, 2) }) },
  { re: re(`audit seal ${WORD} differs from its anchor of ${WORD}`), read: (m) => ({ kind: 'seal_differs_from_anchor', seal: at(m, 1), anchoredAt: at(m, 2) }) },
  { re: re(`case ${WORD} has no audit record`), read: (m) => ({ kind: 'case_unaudited', caseRef: at(m, 1) }) },
  { re: re(`case ${WORD} has an earlier audit record replayed as its latest`), read: (m) => ({ kind: 'case_replayed', caseRef: at(m, 1) }) },
  { re: re(`case ${WORD} was changed outside Zhitong .*`), read: (m) => ({ kind: 'case_changed', caseRef: at(m, 1) }) },
  { re: re(`case ${WORD} has audit records but its row is gone`), read: (m) => ({ kind: 'case_row_gone', caseRef: at(m, 1) }) },
  { re: re('… (\\d+) more'), read: (m) => ({ kind: 'more', count: Number(at(m, 1)) }) },
];

function re(pattern: string): RegExp {
  return new RegExp(`^${pattern}$`, 'u');
}

function at(m: string[], i: number): string {
  return m[i] ?? '';
}

/** A sentence this build does not know (an older or newer verifier's) is kept as it was written. */
export function readAuditProblem(text: string): AuditProblem | { readonly kind: 'other' } {
  for (const r of READERS) {
    const m = r.re.exec(text);
    if (m !== null) return r.read([...m]);
  }
  return { kind: 'other' };
}
