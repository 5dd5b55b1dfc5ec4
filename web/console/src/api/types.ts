// The staff API's answers as the console reads them (src/http/routes/staff/case-schemas.ts is the source).
import type { Bilingual } from '../../../../src/domain/i18n-text.js';
import type { JsonSchema } from '../../../../src/domain/forms/schema.js';

export type { Bilingual, JsonSchema };

export type Light = 'green' | 'amber' | 'red' | 'none';
export type SessionStage = 'totp' | 'enrol' | 'password_change' | 'authenticated';

export interface StageAnswer {
  readonly stage: SessionStage;
  readonly csrfToken: string;
}

export interface Me {
  readonly username: string;
  readonly displayName: string;
  readonly policeNumber: string | null;
  readonly rank: string | null;
  readonly unit: { readonly code: string; readonly name: string };
  readonly roles: readonly string[];
}

export interface UnitRef {
  readonly id: string;
  readonly name: string;
}

// A type, not an interface: it must pass where any map of flags is taken (the detail's flags are open).
export type CaseFlags = {
  readonly chased: boolean;
  readonly supervised: boolean;
  readonly suspended: boolean;
  readonly awaitingConfirmation: boolean;
  readonly overdue: boolean;
};

export interface CaseListItem {
  readonly caseNumber: string;
  readonly version: number;
  readonly title: string;
  readonly type: string;
  readonly scope: string | null;
  readonly channel: string;
  readonly state: string;
  readonly stateLabel: Bilingual;
  readonly isAccusation: boolean;
  readonly urgency: string;
  readonly receivedAt: string;
  readonly publicDue: string | null;
  readonly unitDue: string | null;
  readonly light: Light;
  readonly dueText: Bilingual;
  readonly currentUnit: UnitRef | null;
  readonly flags: CaseFlags;
}

export interface CasePage {
  readonly items: readonly CaseListItem[];
  readonly nextCursor: string | null;
  /** with withTotal=1 only: the filtered list's size, counted up to 10,000 */
  readonly total?: number;
  /** with withTotal=1 only: more than total (10,000) cases */
  readonly totalCapped?: boolean;
}

export interface Clock {
  readonly due: string | null;
  readonly text: Bilingual;
  readonly light: Light;
}

export interface ActionOffer {
  readonly code: string;
  readonly label: Bilingual;
  readonly fields: JsonSchema;
}

export interface TimelineEntry {
  readonly at: string;
  readonly event: string;
  readonly step: Bilingual;
  readonly unit: UnitRef | null;
  readonly actor: string | null;
  readonly opinion: string | null;
}

export interface Subject {
  readonly id: string;
  readonly name: string | null;
  readonly policeNumber: string | null;
  readonly unitText: string | null;
  readonly position: string | null;
  readonly vehiclePlate: string | null;
  readonly linkedUnit: UnitRef | null;
  readonly rank: string | null;
}

export interface Reporter {
  readonly access: string;
  readonly name: string | null;
  readonly phone: string | null;
  readonly email: string | null;
  readonly address: string | null;
  readonly workplace: string | null;
}

export interface PendingDecision {
  readonly id: string;
  readonly kind: string;
  readonly label: Bilingual;
  readonly requestedBy: string | null;
  readonly requestedAt: string;
}

export interface Attachment {
  readonly id: string;
  readonly name: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
  readonly origin: string;
}

export interface TextEntry {
  readonly id: string;
  readonly at: string;
  readonly author: string | null;
  readonly text: string;
}

export interface Message extends TextEntry {
  /** `from_reporter` or `to_reporter`. */
  readonly direction: string;
}

export interface CaseResult {
  readonly cycle: number;
  readonly finding: string;
  readonly investigationReport: string | null;
  readonly measures: string | null;
  readonly draftReply: string;
  readonly submittedBy: string | null;
  readonly submittedAt: string;
}

export interface CaseReply {
  readonly cycle: number;
  readonly outcome: string;
  readonly method: string | null;
  readonly answeredAt: string;
  readonly recordedBy: string | null;
  readonly body: Readonly<Record<string, string | null>>;
}

export interface CaseDetail {
  readonly caseNumber: string;
  readonly version: number;
  readonly channel: string;
  readonly type: string;
  readonly scope: string | null;
  readonly problemType: string | null;
  readonly policeBranch: string | null;
  readonly urgency: string;
  readonly businessRelated: boolean;
  readonly isAccusation: boolean;
  readonly sealed: boolean;
  readonly state: string;
  readonly stateLabel: Bilingual;
  readonly publicStage: string | null;
  readonly anonymity: string;
  readonly title: string;
  readonly content: string;
  readonly occurredAt: string | null;
  readonly location: string | null;
  readonly receivedAt: string;
  readonly acceptedAt: string | null;
  readonly cycle: number;
  readonly clocks: { readonly public: Clock; readonly unit: Clock; readonly light: Light };
  readonly flags: Readonly<Record<string, boolean>>;
  readonly currentUnit: UnitRef | null;
  readonly handler: string | null;
  readonly timeline: readonly TimelineEntry[];
  readonly subjects: readonly Subject[];
  readonly reporter: Reporter | null;
  readonly reporterRevealable: boolean;
  readonly pending: readonly PendingDecision[];
  readonly attachments: readonly Attachment[];
  readonly channelDetails: Readonly<Record<string, unknown>> | null;
  readonly messages: readonly Message[];
  readonly notes: readonly TextEntry[];
  readonly results: readonly CaseResult[];
  readonly replies: readonly CaseReply[];
  /** texts to the reporter and how they went (centre roles; empty for units) */
  readonly deliveries: readonly CaseDelivery[];
  readonly followUps: CaseFollowUps;
  readonly actions: readonly ActionOffer[];
  /** Only in the answer to a reissue_query_code that nothing could carry: shown once, never cached. */
  readonly issuedQueryCode?: string;
}

export interface CaseDelivery {
  readonly channel: 'sms' | 'email' | 'wechat';
  readonly template: string;
  /** skipped: nothing could carry it (WeChat outside its window without a subscription) */
  readonly status: 'sent' | 'delivered' | 'failed' | 'dead' | 'skipped';
  readonly at: string;
  readonly code: string | null;
}

export interface AssignableUnit {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly parentId: string | null;
  readonly depth: number;
  readonly eligible: boolean;
  readonly reason: (Bilingual & { readonly code: string }) | null;
}

export interface AssignableUnits {
  readonly suggestion: { readonly mode: string; readonly unitId: string | null; readonly withDisciplineInspection: boolean } | null;
  readonly items: readonly AssignableUnit[];
}

/** 回访与通话 (src/queries/cases/case-follow-ups.ts). */
export interface CaseFollowUps {
  readonly records: readonly {
    readonly recordedAt: string;
    readonly outcome: string;
    readonly channel: string;
    readonly reasons: readonly string[];
    readonly note: string | null;
    readonly recordedBy: string | null;
  }[];
  readonly calls: readonly {
    readonly direction: string;
    readonly startedAt: string | null;
    readonly answered: boolean;
    readonly durationSec: number | null;
    readonly agent: string | null;
    readonly followUp: boolean;
    readonly recordingIds: readonly string[];
  }[];
}
