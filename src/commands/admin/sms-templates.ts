// The sysadmin edits an SMS template's text (issue 6), or puts the built-in text back. The rules of the
// domain decide (placeholders of that template only, no accusatory words to the public, no signature, a
// length a phone shows in two parts); the row and its audit record commit together. The audit keeps the
// key, not the text: the texts are the bureau's own wording, visible on the screen.
import { SMS_RULE_MESSAGES } from '../../domain/sms/template-labels.js';
import { isSmsTemplateKey, templateProblems } from '../../domain/sms/templates.js';
import { CommandError } from '../command-error.js';
import { inTransaction, type Deps } from '../deps.js';
import { auditAdmin, refuse, requireAdmin, type AdminActor } from './support.js';

export async function setSmsTemplate(deps: Deps, actor: AdminActor, key: string, text: string | null): Promise<void> {
  requireAdmin(actor, 'sysadmin');
  if (!isSmsTemplateKey(key)) throw refuse('not_found', 'key', 'TEMPLATE_UNKNOWN', SMS_RULE_MESSAGES.TEMPLATE_UNKNOWN);
  if (text !== null) {
    const problems = templateProblems(key, text);
    if (problems.length > 0) {
      throw new CommandError(
        'invalid',
        { zh: '短信模板不符合要求', en: 'The template text is not acceptable' },
        problems.map((p) => ({ path: 'text', code: p.code, message: SMS_RULE_MESSAGES[p.code] })),
      );
    }
  }
  await inTransaction(deps.pool, async (tx) => {
    if (text === null) await tx.query('DELETE FROM sms_templates WHERE key = $1', [key]);
    else {
      await tx.query(
        `INSERT INTO sms_templates (key, text, updated_by, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (key) DO UPDATE SET text = EXCLUDED.text, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
        [key, text, actor.userId, deps.clock.now()],
      );
    }
    await auditAdmin(tx, deps, actor, text === null ? 'admin.sms_template_reset' : 'admin.sms_template_set', `sms_template:${key}`, {});
  });
}
