// Response schemas of the staff case routes: strict objects, so nothing a presenter adds by mistake leaves.
import { TOTAL_CAP } from '../../../queries/cases/case-list.js';
const str = { type: 'string' } as const;
const nstr = { type: ['string', 'null'] } as const;
const bool = { type: 'boolean' } as const;
const int = { type: 'integer' } as const;
const bilingual = obj({ zh: str, en: str });
const unitRef = { anyOf: [obj({ id: str, name: str }), { type: 'null' }] } as const;
/** JSON documents whose keys are data (a form's JSON Schema, channel details, a reply body). */
const openObject = { type: 'object', additionalProperties: true } as const;
const nullableOpen = { anyOf: [openObject, { type: 'null' }] } as const;

export function obj(properties: Record<string, unknown>, optional: readonly string[] = []): Record<string, unknown> {
  return { type: 'object', additionalProperties: false, required: Object.keys(properties).filter((k) => !optional.includes(k)), properties };
}

const arr = (items: unknown) => ({ type: 'array', items }) as const;
const clock = obj({ due: nstr, text: bilingual, light: str });
const textEntry = obj({ id: str, at: str, author: nstr, text: str });

export const actionOffer = obj({ code: str, label: bilingual, fields: openObject });

/**
 * issuedQueryCode: only in the answer to the reissue_query_code action that could send the new code nowhere
 * (DESIGN §7.4): shown to the clerk this once to hand over, then nowhere — no GET of the case carries it.
 */
export const caseDetailResponse = obj({
  caseNumber: str, version: int, channel: str, type: str, scope: nstr, problemType: nstr, policeBranch: nstr, reportedPoliceBranch: nstr,
  urgency: str, businessRelated: bool, isAccusation: bool, sealed: bool, state: str, stateLabel: bilingual, publicStage: nstr,
  anonymity: str, mode: nstr, title: str, content: str, occurredAt: nstr, location: nstr, receivedAt: str, registeredAt: str,
  acceptedAt: nstr, cycle: int,
  clocks: obj({ public: clock, unit: clock, light: str }),
  flags: { type: 'object', additionalProperties: bool },
  currentUnit: unitRef,
  handler: nstr,
  chain: arr(obj({ depth: int, unit: unitRef, coUnits: arr(unitRef), assignedAt: str, unitDue: str, signedForAt: nstr, granted: bool })),
  timeline: arr(obj({ at: str, event: str, step: bilingual, unit: unitRef, actor: nstr, opinion: nstr })),
  subjects: arr(obj({ id: str, name: nstr, policeNumber: nstr, unitText: nstr, position: nstr, vehiclePlate: nstr, linkedUserId: nstr, linkedUnit: unitRef, rank: nstr })),
  reporter: { anyOf: [obj({ access: str, name: nstr, phone: nstr, email: nstr, address: nstr, workplace: nstr }), { type: 'null' }] },
  reporterRevealable: bool,
  channelDetails: nullableOpen,
  proposal: nullableOpen,
  messages: arr(obj({ id: str, at: str, author: nstr, text: str, direction: str })),
  notes: arr(textEntry),
  attachments: arr(obj({ id: str, name: str, mediaType: str, sizeBytes: int, origin: str })),
  results: arr(obj({ cycle: int, finding: str, investigationReport: nstr, measures: nstr, discipline: arr(obj({ subjectId: str, outcome: str })), draftReply: str, submittedBy: nstr, submittedAt: str })),
  replies: arr(obj({ cycle: int, outcome: str, method: nstr, answeredAt: str, recordedBy: nstr, body: { type: 'object', additionalProperties: nstr } })),
  deliveries: arr(obj({ channel: { type: 'string', enum: ['sms', 'email', 'wechat'] }, template: str, status: { type: 'string', enum: ['sent', 'delivered', 'failed', 'dead', 'skipped'] }, at: str, code: nstr })),
  followUps: obj({
    records: arr(obj({ recordedAt: str, outcome: str, channel: str, reasons: arr(str), note: nstr, recordedBy: nstr })),
    calls: arr(obj({ direction: str, startedAt: nstr, answered: { type: 'boolean' }, durationSec: { type: ['integer', 'null'] }, agent: nstr, followUp: { type: 'boolean' }, recordingIds: arr(str) })),
  }),
  pending: arr(obj({ id: str, kind: str, label: bilingual, requestedBy: nstr, requestedAt: str, confirmations: int })),
  actions: arr(actionOffer),
  issuedQueryCode: { type: 'string', pattern: '^[0-9]{10}$' },
}, ['issuedQueryCode']);

export const assignableUnitsResponse = obj({
  suggestion: { anyOf: [obj({ mode: str, unitId: nstr, withDisciplineInspection: bool }), { type: 'null' }] },
  items: arr(obj({ id: str, code: str, name: str, parentId: nstr, depth: int, eligible: bool, reason: { anyOf: [obj({ code: str, zh: str, en: str }), { type: 'null' }] } })),
});

const listItem = obj({
  caseNumber: str, version: int, title: str, type: str, scope: nstr, channel: str, state: str, stateLabel: bilingual, isAccusation: bool, urgency: str,
  receivedAt: str, publicDue: nstr, unitDue: nstr, light: str, dueText: bilingual, currentUnit: unitRef,
  flags: obj({ chased: bool, supervised: bool, suspended: bool, awaitingConfirmation: bool, overdue: bool }),
});

// total/totalCapped only with ?withTotal=1: the filtered list's size, counted up to 10,000 (TOTAL_CAP);
// totalCapped true means "more than 10,000" and total then says 10,000.
export const caseListResponse = obj(
  {
    items: arr(listItem),
    nextCursor: nstr,
    total: { type: 'integer', minimum: 0, maximum: TOTAL_CAP, description: "With withTotal=1: the filtered list's size, counted up to 10,000" },
    totalCapped: { type: 'boolean', description: 'With withTotal=1: true when the list holds more than 10,000 cases (total then says 10,000)' },
  },
  ['total', 'totalCapped'],
);

export const batchResponse = obj({
  results: arr(obj({ caseNumber: str, status: int, version: { type: ['integer', 'null'] }, code: nstr, detail: nstr })),
});
