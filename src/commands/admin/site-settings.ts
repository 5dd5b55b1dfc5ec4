// The sysadmin replaces the portal's site settings (issue 5): the row and its audit record commit together.
// The audit lists the names of the fields that changed, not their values: they are public anyway, and a
// list of names keeps the record short.
import { changedSiteFields, type SiteSettings } from '../../domain/site-settings.js';
import { loadSiteSettings, siteSettingsSchema } from '../../store/site-settings.js';
import { inTransaction, type Deps } from '../deps.js';
import { auditAdmin, requireAdmin, type AdminActor } from './support.js';

export async function setSiteSettings(deps: Deps, actor: AdminActor, input: SiteSettings): Promise<void> {
  requireAdmin(actor, 'sysadmin');
  // Parsed again here: a caller other than the route gets the same checks, and only known fields are stored.
  const settings = siteSettingsSchema.parse(input);
  await inTransaction(deps.pool, async (tx) => {
    const before = await loadSiteSettings(tx, true);
    await tx.query(
      `INSERT INTO site_settings (singleton, value, updated_at, updated_by) VALUES (true, $1::jsonb, $2, $3)
       ON CONFLICT (singleton) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
      [JSON.stringify(settings), deps.clock.now(), actor.userId],
    );
    await auditAdmin(tx, deps, actor, 'admin.site_settings_set', 'settings:site', { fields: changedSiteFields(before.settings, settings).join(',') });
  });
}
