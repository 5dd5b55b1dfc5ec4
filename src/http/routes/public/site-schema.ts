// The response schema of the site settings, shared by the public read and the sysadmin's (issue 5).
import { BILINGUAL_SITE_FIELDS, PLAIN_SITE_FIELDS } from '../../../domain/site-settings.js';
import { bilingual, obj, str } from '../common.js';

export const siteSettingsResponse = obj({
  ...(Object.fromEntries(BILINGUAL_SITE_FIELDS.map((f) => [f, bilingual])) as Record<(typeof BILINGUAL_SITE_FIELDS)[number], typeof bilingual>),
  ...(Object.fromEntries(PLAIN_SITE_FIELDS.map((f) => [f, str])) as Record<(typeof PLAIN_SITE_FIELDS)[number], typeof str>),
});
