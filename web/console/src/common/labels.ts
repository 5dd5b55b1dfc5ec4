// Labels of the codes the API sends, from the domain's reviewed data files (DESIGN §6: the web imports them).
import { CHANNEL_LABELS } from '../../../../src/domain/channels.js';
import { CASE_SCOPES, CASE_TYPES } from '../../../../src/domain/data/taxonomy.js';
import { POLICE_BRANCHES } from '../../../../src/domain/data/police-branches.js';
import type { Bilingual } from '../../../../src/domain/i18n-text.js';
import { ROLE_LABELS } from '../../../../src/domain/roles.js';

const byCode = (entries: readonly { code: string; name: Bilingual }[]): ReadonlyMap<string, Bilingual> => new Map(entries.map((e) => [e.code, e.name]));

const TYPES = byCode(CASE_TYPES);
const SCOPES = byCode(CASE_SCOPES);
const BRANCHES = byCode(POLICE_BRANCHES);
const CHANNELS: ReadonlyMap<string, Bilingual> = new Map(Object.entries(CHANNEL_LABELS));
const ROLES: ReadonlyMap<string, Bilingual> = new Map(Object.entries(ROLE_LABELS));

// The public wording (我要举报) reads oddly on a clerk's screen; staff say 举报, 投诉 ….
const STAFF_TYPE_NAMES: ReadonlyMap<string, Bilingual> = new Map([
  ['accusation', { zh: '举报', en: 'Accusation' }],
  ['complaint', { zh: '投诉', en: 'Complaint' }],
  ['suggestion', { zh: '建议', en: 'Suggestion' }],
  ['praise', { zh: '表扬', en: 'Praise' }],
  ['consultation', { zh: '咨询', en: 'Consultation' }],
  ['other', { zh: '其他', en: 'Other' }],
]);

const unknown = (code: string): Bilingual => ({ zh: code, en: code });

export const typeLabel = (code: string): Bilingual => STAFF_TYPE_NAMES.get(code) ?? TYPES.get(code) ?? unknown(code);
export const scopeLabel = (code: string): Bilingual => SCOPES.get(code) ?? unknown(code);
export const branchLabel = (code: string): Bilingual => BRANCHES.get(code) ?? unknown(code);
export const channelLabel = (code: string): Bilingual => CHANNELS.get(code) ?? unknown(code);
export const roleLabel = (code: string): Bilingual => ROLES.get(code) ?? unknown(code);

/** Labels for enum codes the form schemas leave unlabelled (taxonomy codes), or undefined. */
export function codeLabel(code: string): Bilingual | undefined {
  return TYPES.get(code) ?? SCOPES.get(code) ?? BRANCHES.get(code) ?? CHANNELS.get(code);
}
