// The telephony answers (src/http/routes/staff/calls.routes.ts and docs/cti.md are the source).
import type { Bilingual } from '../api/types.js';

export type CallState = 'ringing' | 'answered' | 'ended';

export interface CallHistoryCase {
  readonly caseNumber: string;
  readonly type: string;
  readonly state: string;
  readonly stateLabel: Bilingual;
  readonly receivedAt: string;
}

export interface CallHistoryCall {
  readonly callId: string | null;
  readonly startedAt: string | null;
  readonly state: CallState;
  readonly durationSec: number | null;
  readonly caseNumber: string | null;
}

/** What the registration form takes from the call (channel phone, the call's own record). */
export interface CallRegistration {
  readonly channel: 'phone';
  readonly receivedAt: string | null;
  readonly channelDetails: { readonly callerNumber: string | null; readonly calledAt: string | null; readonly callId: string };
}

export interface CallPop {
  readonly callId: string;
  readonly state: CallState;
  readonly direction: 'in' | 'out';
  readonly callerNumber: string | null;
  readonly startedAt: string | null;
  readonly answeredAt: string | null;
  readonly line: string | null;
  readonly repeatCaller: boolean;
  readonly history: { readonly cases: readonly CallHistoryCase[]; readonly calls: readonly CallHistoryCall[] };
  readonly register: CallRegistration;
}

export interface CurrentCalls {
  readonly calls: readonly CallPop[];
}

export interface CallCounts {
  readonly calls: number;
  readonly answered: number;
  readonly answeredWithin15s: number;
  readonly lost: number;
}

export interface CallStats {
  readonly period: { readonly from: string; readonly to: string };
  readonly totals: CallCounts & { readonly voicemail: number; readonly averageHandlingSec: number | null };
  readonly byHour: readonly (CallCounts & { readonly hour: number })[];
  readonly byAgent: readonly { readonly userId: string; readonly displayName: string; readonly calls: number; readonly answered: number; readonly averageHandlingSec: number | null }[];
}

export const CALL_STATE_LABELS: Readonly<Record<CallState, Bilingual>> = {
  ringing: { zh: '振铃中', en: 'Ringing' },
  answered: { zh: '通话中', en: 'In call' },
  ended: { zh: '已挂断', en: 'Ended' },
};
