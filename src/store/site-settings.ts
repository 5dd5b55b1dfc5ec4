// The site settings row (issue 5): one zod schema checks the value on write (the sysadmin's PUT body is
// parsed with it) and again on read, so a row changed behind the application's back never reaches the
// portal unchecked — an unusable row reads as the defaults.
import type pg from 'pg';
import { z } from 'zod';
import { codePointLength } from '../domain/classification.js';
import { BILINGUAL_SITE_FIELDS, DEFAULT_SITE_SETTINGS, PLAIN_SITE_FIELDS, SITE_FIELD_RULES, type SiteSettings } from '../domain/site-settings.js';

/**
 * Trimmed, NFC text counted in code points, without control characters; the issue parameters are the ones
 * the HTTP layer turns into bilingual field messages (http/validation.ts).
 */
function siteText(min: number, max: number) {
  return z
    .string()
    .transform((s, ctx) => {
      const t = s.normalize('NFC').trim();
      const n = codePointLength(t);
      if (n < min) ctx.addIssue({ code: 'custom', params: { reason: 'required' } });
      else if (n > max) ctx.addIssue({ code: 'custom', params: { reason: 'too_long', limit: max } });
      // Line breaks too: every field is one line on the portal. Invisible format characters (zero widths,
      // bidi overrides and isolates, BOM) would make a shown hotline or filing number read otherwise than it is.
      // eslint-disable-next-line no-control-regex -- refusing these characters is the point
      if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/u.test(t)) ctx.addIssue({ code: 'custom', params: { reason: 'control_chars' } });
      return t;
    })
    .meta({ ...(min > 0 ? { minLength: min } : {}), maxLength: max, description: 'trimmed and NFC-normalised; lengths count code points' });
}

const bilingualFields = Object.fromEntries(
  BILINGUAL_SITE_FIELDS.map((f) => {
    const { max, required } = SITE_FIELD_RULES[f];
    // The English text may be left empty: the portal shows the Chinese then.
    return [f, z.strictObject({ zh: siteText(required ? 1 : 0, max), en: siteText(0, max) })];
  }),
) as Record<(typeof BILINGUAL_SITE_FIELDS)[number], z.ZodObject<{ zh: ReturnType<typeof siteText>; en: ReturnType<typeof siteText> }>>;

const plainFields = Object.fromEntries(
  PLAIN_SITE_FIELDS.map((f) => {
    const { max, required } = SITE_FIELD_RULES[f];
    return [f, siteText(required ? 1 : 0, max)];
  }),
) as Record<(typeof PLAIN_SITE_FIELDS)[number], ReturnType<typeof siteText>>;

export const siteSettingsSchema = z.strictObject({ ...bilingualFields, ...plainFields }).superRefine((s, ctx) => {
  if (s.email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/u.test(s.email)) ctx.addIssue({ code: 'custom', path: ['email'], params: { reason: 'email' } });
  if (s.postcode !== '' && !/^[0-9]{6}$/u.test(s.postcode)) ctx.addIssue({ code: 'custom', path: ['postcode'], params: { reason: 'postcode' } });
});

export interface StoredSiteSettings {
  readonly settings: SiteSettings;
  /** default: no usable row, the fictional defaults answer */
  readonly source: 'table' | 'default';
  readonly updatedAt: Date | null;
}

/** The stored settings if the row is usable, else the defaults. `lock` for a writer's read-modify-write. */
export async function loadSiteSettings(db: pg.Pool | pg.ClientBase, lock = false): Promise<StoredSiteSettings> {
  const r = await db.query<{ value: unknown; updated_at: Date }>(`SELECT value, updated_at FROM site_settings WHERE singleton${lock ? ' FOR UPDATE' : ''}`);
  const row = r.rows[0];
  if (row === undefined) return { settings: DEFAULT_SITE_SETTINGS, source: 'default', updatedAt: null };
  const parsed = siteSettingsSchema.safeParse(row.value);
  return parsed.success ? { settings: parsed.data, source: 'table', updatedAt: row.updated_at } : { settings: DEFAULT_SITE_SETTINGS, source: 'default', updatedAt: row.updated_at };
}
