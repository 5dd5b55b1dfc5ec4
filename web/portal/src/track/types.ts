import type { Bilingual } from '../i18n.js';

/** The public view of a case (src/http/routes/public/responses.ts publicViewResponse). */
export interface PublicView {
  readonly caseNumber: string;
  readonly stage: { readonly code: string; readonly label: Bilingual };
  readonly type: string;
  readonly submittedAt: string;
  readonly promisedBy: string | null;
  readonly timeline: readonly { readonly at: string; readonly event: string; readonly label: Bilingual }[];
  readonly replies: readonly { readonly at: string; readonly text: string; readonly signedBy?: Bilingual }[];
  readonly messages: readonly { readonly at: string; readonly text: string }[];
  readonly canRate: boolean;
}

/** Number and code as typed, kept in memory for the follow-up requests of this visit only. */
export interface Credentials {
  readonly caseNumber: string;
  readonly queryCode: string;
}
