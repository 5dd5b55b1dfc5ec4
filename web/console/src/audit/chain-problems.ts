// The chain status's problems in the auditor's words: the API sends each by kind with the record, seal and
// case it names (src/store/audit-problems.ts); the English sentence it also sends is the CLI's, kept for a
// kind this console does not know.
import type { AuditProblemKind, ChainProblem } from '../../../../src/store/audit-problems.js';
import type { Bilingual } from '../api/types.js';

export type { ChainProblem };

/** How a time from the anchor file is shown: the console's own date format, in the bureau's zone. */
export type FormatTime = (iso: string) => string;

const q = (v: string | null): string => v ?? '?';
const n = (v: number | null): string => (v === null ? '?' : String(v));

const WORDING = {
  seal_out_of_order: (p) => ({
    zh: `链条断裂：封存 #${q(p.seal)} 与前一个封存衔接不上，此后的记录无法校验`,
    en: `Chain broken: seal #${q(p.seal)} does not follow the seal before it; later records cannot be checked`,
  }),
  seal_records_missing: (p) => ({
    zh: `记录被删除或插入：封存 #${q(p.seal)} 应含 ${n(p.covered)} 条记录，现存 ${n(p.remaining)} 条（范围内首条记录 #${q(p.record)}）`,
    en: `Records deleted or inserted: seal #${q(p.seal)} covers ${n(p.covered)} records but ${n(p.remaining)} remain (first record in range #${q(p.record)})`,
  }),
  record_altered: (p) => ({
    zh: `记录被篡改：审计记录 #${q(p.record)} 已被修改（与封存 #${q(p.seal)} 不符）`,
    en: `Record tampered with: audit record #${q(p.record)} was altered (seal #${q(p.seal)} no longer matches)`,
  }),
  anchor_missing: () => ({
    zh: '外部锚点缺失：未找到本系统的审计锚点，密钥旁的锚点文件缺失或安装标识被更改',
    en: 'External anchor missing: the anchor file beside the key is missing or the installation id was changed',
  }),
  anchored_seal_missing: (p, time) => ({
    zh: `审计记录末尾被删除：${time(q(p.anchoredAt))} 锚定的封存 #${q(p.seal)} 已不存在`,
    en: `End of the audit trail deleted: seal #${q(p.seal)}, anchored ${time(q(p.anchoredAt))}, is missing`,
  }),
  seal_differs_from_anchor: (p, time) => ({
    zh: `封存与外部锚点不符：封存 #${q(p.seal)} 与 ${time(q(p.anchoredAt))} 的锚点不一致`,
    en: `Seal differs from its anchor: seal #${q(p.seal)} does not match its anchor of ${time(q(p.anchoredAt))}`,
  }),
  case_unaudited: (p) => ({
    zh: `案件缺少审计记录：${q(p.caseRef)}`,
    en: `Case without an audit record: ${q(p.caseRef)}`,
  }),
  case_replayed: (p) => ({
    zh: `审计记录被重放：案件 ${q(p.caseRef)} 的最新审计记录是较早记录的重放`,
    en: `Audit record replayed: case ${q(p.caseRef)} has an earlier audit record replayed as its latest`,
  }),
  case_changed: (p) => ({
    zh: `案件摘要不符：案件 ${q(p.caseRef)} 在系统之外被修改（案件本身或其反映人、被反映人、留言、附件、交办链、审批、办理结果、答复、备注、回访之一与最后一条审计记录不符）`,
    en: `Case digest mismatch: case ${q(p.caseRef)} was changed outside Zhitong (it or one of its parts no longer matches its last audit record)`,
  }),
  case_row_gone: (p) => ({
    zh: `案件被删除：案件 ${q(p.caseRef)} 有审计记录，但案件本身已不存在`,
    en: `Case deleted: case ${q(p.caseRef)} has audit records but its row is gone`,
  }),
  more: (p) => ({
    zh: `另有 ${n(p.count)} 个问题未列出，请运行 zhitong audit verify 查看全部`,
    en: `${n(p.count)} more problems not listed; run zhitong audit verify for all of them`,
  }),
  other: (p) => ({ zh: p.text, en: p.text }),
} satisfies Record<AuditProblemKind, (p: ChainProblem, time: FormatTime) => Bilingual>;

function isKnown(kind: string): kind is AuditProblemKind {
  return Object.hasOwn(WORDING, kind);
}

export function chainProblemText(p: ChainProblem, time: FormatTime): Bilingual {
  return isKnown(p.kind) ? WORDING[p.kind](p, time) : WORDING.other(p);
}
