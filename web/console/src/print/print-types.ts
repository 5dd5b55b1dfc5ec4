// The print API's answers (src/http/routes/staff/print.routes.ts is the source).
import type { Bilingual } from '../api/types.js';

export type PrintBlock =
  | { readonly type: 'row'; readonly label: string; readonly value: string }
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'sign'; readonly text: string }
  | { readonly type: 'gap' };

export interface PrintedDocument {
  readonly kind: string;
  readonly label: Bilingual;
  readonly caseNumber: string;
  readonly organ: string;
  readonly title: string;
  readonly documentNumber: string | null;
  readonly blocks: readonly PrintBlock[];
  readonly printedAt: string;
  readonly printedBy: string;
}

export interface DocumentOffer {
  readonly kind: string;
  readonly label: Bilingual;
  readonly available: boolean;
  readonly reason: Bilingual | null;
}
