// The template set the providers render with, kept in step with the sysadmin's edits: every node reloads
// it from the database at start and then every minute, so an edit reaches every sender within a minute.
// A stored text that no longer passes the rules (a rule tightened by an upgrade) leaves the set as it was.
import type pg from 'pg';
import { buildTemplateSet, type SmsTemplateKey, type SmsTemplateSet } from '../../domain/sms/templates.js';
import { loadSmsTemplateOverrides } from '../../store/sms-templates.js';

export const TEMPLATE_RELOAD_MS = 60_000;

export class LiveSmsTemplates implements SmsTemplateSet {
  private current: SmsTemplateSet;

  constructor(readonly signature: string) {
    this.current = buildTemplateSet({ signature });
  }

  get texts(): Readonly<Record<SmsTemplateKey, string>> {
    return this.current.texts;
  }

  /** false when the stored texts were refused and the previous set stays in use. */
  async reload(db: pg.Pool): Promise<boolean> {
    const rows = await loadSmsTemplateOverrides(db);
    try {
      this.current = buildTemplateSet({ signature: this.signature, overrides: Object.fromEntries(rows.map((r) => [r.key, r.text])) });
      return true;
    } catch {
      return false;
    }
  }
}
