// The sysadmin's print templates (issue 4 打印): plain text with known placeholders only, replaced whole or
// reset to the reviewed default; never case content. One transaction with its admin audit row.
import { codePointLength } from '../../domain/classification.js';
import type { DocumentKind } from '../../domain/print/documents.js';
import { checkTemplate, TEMPLATE_LIMITS } from '../../domain/print/template.js';
import { inTransaction, type Deps } from '../deps.js';
import { auditAdmin, refuse, requireAdmin, type AdminActor } from './support.js';

export interface TemplateInput {
  readonly title: string;
  readonly body: string;
  /** the 交办单's number prefix (示例公督交); only the 交办单 has one */
  readonly numberPrefix?: string | null;
}

export async function setPrintTemplate(deps: Deps, actor: AdminActor, kind: DocumentKind, input: TemplateInput): Promise<void> {
  requireAdmin(actor, 'sysadmin');
  const problem = checkTemplate(input.body)[0];
  if (problem !== undefined) {
    const where = `第${String(problem.line)}行`;
    throw problem.code === 'unknown_placeholder'
      ? refuse('invalid', 'body', 'unknown_placeholder', { zh: `${where}的占位符{{${problem.detail}}}不存在`, en: `Line ${String(problem.line)}: there is no placeholder {{${problem.detail}}}` })
      : refuse('invalid', 'body', 'empty_label', { zh: `${where}的表格行缺少栏目名称`, en: `Line ${String(problem.line)}: a table row needs a label before ｜` });
  }
  if (input.numberPrefix !== undefined && input.numberPrefix !== null && kind !== 'dispatch') {
    throw refuse('invalid', 'numberPrefix', 'not_numbered', { zh: '只有交办单有文号', en: 'Only the dispatch sheet is numbered' });
  }
  const prefix = input.numberPrefix ?? null;
  if (prefix !== null && (prefix.trim() === '' || codePointLength(prefix) > TEMPLATE_LIMITS.numberPrefix || /[〔〕\s]/u.test(prefix))) {
    throw refuse('invalid', 'numberPrefix', 'invalid_prefix', { zh: '文号前缀应为1至20个字，不含空格和〔〕', en: 'The prefix is 1 to 20 characters without spaces or 〔〕' });
  }
  await inTransaction(deps.pool, async (tx) => {
    await tx.query(
      `INSERT INTO print_templates (kind, title, body, number_prefix, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (kind) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body, number_prefix = EXCLUDED.number_prefix, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
      [kind, input.title, input.body, prefix, deps.clock.now(), actor.userId],
    );
    await auditAdmin(tx, deps, actor, 'admin.print_template_set', `print_template:${kind}`, { title: input.title, numberPrefix: prefix ?? 'default' });
  });
}

/** Back to the reviewed default: the bureau's row goes, the default answers again. */
export async function resetPrintTemplate(deps: Deps, actor: AdminActor, kind: DocumentKind): Promise<void> {
  requireAdmin(actor, 'sysadmin');
  await inTransaction(deps.pool, async (tx) => {
    await tx.query('DELETE FROM print_templates WHERE kind = $1', [kind]);
    await auditAdmin(tx, deps, actor, 'admin.print_template_reset', `print_template:${kind}`);
  });
}
