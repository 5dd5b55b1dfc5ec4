// The intake inbox's answers (src/http/routes/staff/intake-schemas.ts is the source).
import { INTAKE_STATUS_LABELS, INVALID_REASON_LABELS } from '../../../../src/domain/intake.js';
import type { Bilingual } from '../api/types.js';

export interface InboxListItem {
  readonly id: string;
  readonly channel: string;
  readonly receivedAt: string;
  readonly status: string;
  readonly preview: string;
  readonly contact: string | null;
  readonly claimsCaseNumber: string | null;
  readonly attachmentCount: number;
  readonly earlierItems: number;
  readonly caseNumber?: string;
  /** Voicemail only: the listen-by clock and the first listen. */
  readonly listenBy?: string | null;
  readonly listenedAt?: string | null;
  /** An e-mail flood group: the mails of one sender it holds. */
  readonly floodCount?: number;
}

export interface InboxPage {
  readonly items: readonly InboxListItem[];
  readonly nextCursor: string | null;
}

export interface InboxItem {
  readonly id: string;
  readonly channel: string;
  readonly receivedAt: string;
  readonly status: string;
  readonly text: string;
  readonly contact: string | null;
  readonly details: Readonly<Record<string, string>> | null;
  readonly claimsCaseNumber: string | null;
  readonly attachments: readonly { readonly id: string; readonly name: string; readonly mediaType: string; readonly size: number }[];
  readonly earlierItems: number;
  readonly invalidReason: string | null;
  readonly note: string | null;
  readonly handledAt: string | null;
  readonly caseNumber?: string;
  readonly listenBy?: string | null;
  readonly listenedAt?: string | null;
  readonly floodCount?: number;
}

const STATUS: ReadonlyMap<string, Bilingual> = new Map(Object.entries(INTAKE_STATUS_LABELS));
const INVALID: ReadonlyMap<string, Bilingual> = new Map(Object.entries(INVALID_REASON_LABELS));

export const intakeStatusLabel = (code: string): Bilingual => STATUS.get(code) ?? { zh: code, en: code };
export const invalidReasonLabel = (code: string): Bilingual => INVALID.get(code) ?? { zh: code, en: code };

/**
 * The tag of an e-mail flood group (src/channels/email/flood.ts): one item holding many mails of one
 * sender within the hour, shown apart so the clerk can judge it as one — null on any other item.
 */
export function floodTag(item: { readonly floodCount?: number | undefined }): Bilingual | null {
  if (item.floodCount === undefined) return null;
  const n = String(item.floodCount);
  return { zh: `疑似批量来信（${n}封）`, en: `Possible bulk mail (${n} mails)` };
}
