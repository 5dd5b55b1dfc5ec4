// One seeded case with its whole history, as the commands would have written it (DESIGN §3, §4): the
// case row in the state its age implies, the 流转记录 with one row per step, the dispatch chain with unit
// deadlines, results, replies, follow-ups, pending decisions, subjects and reporters — every *_enc column
// encrypted with the installation's key and bound to its row, blind indexes and the keyed search tokens
// computed by the same classes the application uses. Not seeded: audit rows (the chain and its seals),
// outbox, notifications, attachments (files) and intake items; none of the measured queries reads them.
import { BlindIndexer } from '../src/security/blind-index.js';
import { FieldCipher } from '../src/security/field-crypto.js';
import { QueryCodeHasher, generateQueryCode } from '../src/security/query-code.js';
import type { KeyRing } from '../src/security/keys.js';
import type { SearchTokenizer } from '../src/security/search-tokens.js';
import { BusinessCalendar } from '../src/domain/calendar/business-calendar.js';
import { addDays, type LocalDate } from '../src/domain/calendar/local-date.js';
import { DEFAULT_PUBLIC_POLICY } from '../src/domain/clocks/deadline-policy.js';
import { extend, publicDeadline, subUnitDeadline, unitDeadline } from '../src/domain/clocks/deadlines.js';
import { followUpDue } from '../src/domain/clocks/step-clocks.js';
import { generatedTitle, isAccusation } from '../src/domain/classification.js';
import type { CaseState } from '../src/domain/case-states.js';
import type { Channel } from '../src/domain/channels.js';
import type { CaseScope, CaseType } from '../src/domain/data/taxonomy.js';
import type { PoliceBranch } from '../src/domain/data/police-branches.js';
import type { AcceptMode } from '../src/domain/forms/codes.js';
import type { Rank, Role } from '../src/domain/roles.js';
import { formatCaseNumber } from '../src/commands/case-number.js';
import { CopyBuffer } from './copy-in.js';
import { MemoTokenizer, uuidv7 } from './seed-crypto.js';
import { Rng, hashSeed } from './seed-rng.js';
import { BRIEFS, INSTRUCTIONS, MEASURES, PROPOSALS, REPLIES, RESULT_REPORTS, REVIEWS, reportText, type Place } from './seed-text.js';

// ---------------------------------------------------------------------------------------------
// The organisation as the workers receive it (plain data) and as the generator uses it.

export interface OrgUnitData {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly kind: string;
  readonly parentCode: string | null;
}

export interface OrgUserData {
  readonly id: string;
  readonly username: string;
  readonly unitCode: string;
  readonly roles: readonly Role[];
  readonly policeNumber: string;
  readonly rank: Rank;
}

export interface OrgData {
  readonly units: readonly OrgUnitData[];
  readonly users: readonly OrgUserData[];
}

interface Staff {
  readonly liaison: string;
  readonly handlers: readonly string[];
  readonly head: string;
}

interface Station {
  readonly id: string;
  readonly place: Place;
  readonly branch: Branch;
  readonly officers: readonly OrgUserData[];
  readonly head: OrgUserData;
}

interface Branch {
  readonly id: string;
  readonly name: string;
  readonly inspectionId: string;
  readonly stations: Station[];
}

export class Org {
  readonly unit = new Map<string, OrgUnitData>();
  readonly byId = new Map<string, OrgUnitData>();
  readonly staff = new Map<string, Staff>();
  readonly byRole = new Map<Role, string[]>();
  readonly user = new Map<string, OrgUserData>();
  readonly branches: Branch[] = [];
  readonly stations: Station[] = [];
  readonly stationCumulative: number[] = [];
  readonly centreInspectors: OrgUserData[];

  constructor(data: OrgData) {
    for (const u of data.units) {
      this.unit.set(u.code, u);
      this.byId.set(u.id, u);
    }
    for (const u of data.users) {
      this.user.set(u.username, u);
      for (const r of u.roles) this.byRole.set(r, [...(this.byRole.get(r) ?? []), u.id]);
    }
    const byUnit = new Map<string, OrgUserData[]>();
    for (const u of data.users) byUnit.set(u.unitCode, [...(byUnit.get(u.unitCode) ?? []), u]);
    for (const [code, members] of byUnit) {
      const liaison = members.find((m) => m.roles.includes('liaison'));
      const head = members.find((m) => m.roles.includes('unit_head'));
      const handlers = members.filter((m) => m.roles.includes('handler')).map((m) => m.id);
      const unit = this.unit.get(code);
      if (liaison && head && unit) this.staff.set(unit.id, { liaison: liaison.id, handlers: handlers.length > 0 ? handlers : [liaison.id], head: head.id });
    }
    for (const u of data.units) {
      if (u.kind !== 'branch' && u.kind !== 'county') continue;
      const inspection = data.units.find((x) => x.parentCode === u.code && x.code.endsWith('dc'));
      if (!inspection) throw new Error(`branch ${u.code} has no 督察大队`);
      const shortName = u.name.replace('示例市公安局', '');
      const branch: Branch = { id: u.id, name: shortName, inspectionId: inspection.id, stations: [] };
      for (const s of data.units.filter((x) => x.parentCode === u.code && x.kind === 'station')) {
        const members = byUnit.get(s.code) ?? [];
        const head = members.find((m) => m.roles.includes('unit_head'));
        if (!head) throw new Error(`station ${s.code} has no head`);
        const short = s.name.slice(shortName.length);
        const station: Station = { id: s.id, place: { stationName: s.name, stationShort: short, branchName: shortName }, branch, officers: members.filter((m) => m.roles.includes('handler')), head };
        branch.stations.push(station);
        this.stations.push(station);
      }
      this.branches.push(branch);
    }
    // Some stations are far busier than others (city centre, railway station): a Zipf-like spread.
    let total = 0;
    this.stations.forEach((_, k) => {
      const rank = ((k * 7919) % this.stations.length) + 1;
      total += 1 / Math.pow(rank, 0.7);
      this.stationCumulative.push(total);
    });
    this.centreInspectors = data.users.filter((u) => u.unitCode === 'dcd' && (u.roles.includes('intake') || u.roles.includes('handler')));
  }

  idOf(code: string): string {
    const u = this.unit.get(code);
    if (!u) throw new Error(`no unit ${code}`);
    return u.id;
  }

  unitName(id: string | null): string {
    return id === null ? '' : (this.byId.get(id)?.name ?? '');
  }

  kindOf(id: string): string {
    return this.byId.get(id)?.kind ?? '';
  }

  pickStation(rng: Rng): Station {
    const total = this.stationCumulative.at(-1) ?? 1;
    const r = rng.next() * total;
    let lo = 0;
    let hi = this.stationCumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.stationCumulative[mid] ?? 0) < r) lo = mid + 1;
      else hi = mid;
    }
    const s = this.stations[lo];
    if (!s) throw new Error('no stations');
    return s;
  }

  one(rng: Rng, role: Role): string {
    return rng.pick(this.byRole.get(role) ?? []);
  }

  staffOf(unitId: string): Staff {
    const s = this.staff.get(unitId);
    if (!s) throw new Error(`no staff in unit ${unitId}`);
    return s;
  }
}

// ---------------------------------------------------------------------------------------------
// Time: the bureau's zone is UTC+8 all year, so local dates are plain arithmetic here.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ZONE = 8 * HOUR;

export function localDate(ms: number): LocalDate {
  return new Date(ms + ZONE).toISOString().slice(0, 10) as LocalDate;
}

function localHour(ms: number): number {
  return new Date(ms + ZONE).getUTCHours() + new Date(ms + ZONE).getUTCMinutes() / 60;
}

function atLocal(date: LocalDate, hour: number): number {
  return Date.parse(`${date}T00:00:00Z`) - ZONE + hour * HOUR;
}

/** Case creation instants for the whole run, sorted: weekdays busier, office hours busier, web around the clock. */
export function creationTimes(seed: number, count: number, fromMs: number, toMs: number, cal: BusinessCalendar): Float64Array {
  const rng = new Rng(hashSeed(seed, 0xc0ffee));
  const days = Math.max(1, Math.floor((toMs - fromMs) / DAY));
  const firstDay = localDate(fromMs);
  const dayWeights: number[] = [];
  let total = 0;
  for (let d = 0; d < days; d++) {
    // Growth of about 30 % a year as the service becomes known.
    const w = (cal.isWorkingDay(addDays(firstDay, d)) ? 1 : 0.45) * (1 + (0.3 * d) / 365);
    total += w;
    dayWeights.push(total);
  }
  const hourWeights = [0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1, 3, 6, 6.5, 5, 3, 4, 6, 6, 5.5, 3.5, 1.5, 1.5, 1.6, 1.5, 1, 0.6];
  const hourCum: number[] = [];
  let hTotal = 0;
  for (const w of hourWeights) hourCum.push((hTotal += w));
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const r = rng.next() * total;
    let lo = 0;
    let hi = dayWeights.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((dayWeights[mid] ?? 0) < r) lo = mid + 1;
      else hi = mid;
    }
    const hr = rng.next() * hTotal;
    let h = 0;
    while ((hourCum[h] ?? hTotal) < hr) h++;
    const ms = atLocal(addDays(firstDay, lo), h + rng.next());
    out[i] = Math.min(ms, toMs - 60_000);
  }
  out.sort();
  return out;
}

// ---------------------------------------------------------------------------------------------
// Tables and columns written.

export const TABLES = {
  cases: ['id', 'case_number', 'channel', 'type', 'scope', 'reported_police_branch', 'state', 'anonymity', 'title_enc', 'content_enc', 'details_enc',
    'query_code_hash', 'query_code_enc', 'received_at', 'created_at', 'version', 'problem_type', 'police_branch', 'urgency', 'business_related', 'is_accusation',
    'sealed', 'channel_details_enc', 'reporter_consents_to_name', 'mode', 'proposal_enc', 'proposed_unit_id', 'accepted_at', 'public_due', 'public_due_provisional',
    'cycle', 'reopen_count', 'extension_days_used', 'current_unit_id', 'unit_due', 'handler_user_id', 'review_stage', 'suspended_since', 'chased', 'supervised',
    'dissatisfied', 'rated', 'false_accusation', 'first_contact_at', 'merged_into_id', 'replied_at', 'closed_at', 'archived_at', 'updated_at'],
  reporters: ['id', 'case_id', 'name_enc', 'phone_enc', 'email_enc', 'address_enc', 'workplace_enc', 'openid_enc', 'phone_bidx', 'email_bidx', 'openid_bidx', 'created_at'],
  subjects: ['id', 'case_id', 'position', 'name_enc', 'police_number_enc', 'police_number_bidx', 'unit_text_enc', 'position_title_enc', 'vehicle_plate_enc',
    'linked_user_id', 'linked_unit_id', 'rank', 'created_at'],
  messages: ['id', 'case_id', 'direction', 'author_user_id', 'body_enc', 'created_at'],
  timeline: ['id', 'case_id', 'at', 'event', 'actor_kind', 'actor_user_id', 'unit_id', 'from_state', 'to_state', 'opinion_enc', 'public'],
  dispatch_levels: ['id', 'case_id', 'cycle', 'depth', 'unit_id', 'co_unit_ids', 'assigned_at', 'assigned_by', 'unit_due', 'unit_due_provisional', 'flagged_short',
    'brief_enc', 'signed_for_at', 'signed_for_by', 'granted', 'revoked_at'],
  pending_decisions: ['id', 'case_id', 'kind', 'payload_enc', 'requested_by', 'requested_at', 'confirmations', 'settlement', 'settled_by', 'settled_at'],
  case_results: ['id', 'case_id', 'cycle', 'finding', 'body_enc', 'submitted_by', 'submitted_at'],
  replies: ['id', 'case_id', 'cycle', 'outcome', 'method', 'body_enc', 'answered_at', 'recorded_by', 'recorded_at'],
  follow_ups: ['id', 'case_id', 'cycle', 'due_on', 'status', 'attempts', 'created_at', 'settled_at'],
  follow_up_records: ['id', 'case_id', 'follow_up_id', 'outcome', 'channel', 'reasons', 'note_enc', 'recorded_by', 'recorded_at'],
  case_conflicts: ['case_id', 'user_id', 'reason_enc', 'declared_at'],
  case_search: ['case_id', 'tokens', 'icu_version', 'indexed_at'],
} as const;

export type TableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

export type Buffers = Record<TableName, CopyBuffer>;

export function newBuffers(): Buffers {
  return Object.fromEntries(TABLE_NAMES.map((t) => [t, new CopyBuffer(t, TABLES[t])])) as Buffers;
}

/** Timeline ids are chosen here (the opinion's associated data names the row), in a block per chunk. */
export const TIMELINE_IDS_PER_CASE = 64;

// ---------------------------------------------------------------------------------------------

export interface SeedParams {
  readonly seed: number;
  readonly nowMs: number;
  readonly prefix: string;
  readonly width: number;
}

const ACTIVE: ReadonlySet<CaseState> = new Set(['registered', 'awaiting_instruction', 'ready_to_assign', 'direct_handling', 'assigned', 'in_progress', 'under_review']);

type TopicWeights = Readonly<Record<PoliceBranch, number>>;
const TOPICS: Readonly<Record<CaseType, TopicWeights>> = {
  accusation: { household: 14, exit_entry: 4, traffic: 24, public_order: 18, case_handling: 22, emergency_110: 10, detention: 3, cyber: 2, other: 3 },
  complaint: { household: 26, exit_entry: 8, traffic: 22, public_order: 12, case_handling: 12, emergency_110: 14, detention: 1, cyber: 3, other: 2 },
  suggestion: { household: 25, exit_entry: 12, traffic: 30, public_order: 15, case_handling: 3, emergency_110: 5, detention: 1, cyber: 6, other: 3 },
  praise: { household: 22, exit_entry: 6, traffic: 18, public_order: 12, case_handling: 12, emergency_110: 26, detention: 1, cyber: 2, other: 1 },
  consultation: { household: 38, exit_entry: 22, traffic: 25, public_order: 5, case_handling: 4, emergency_110: 1, detention: 2, cyber: 2, other: 1 },
  other: { household: 10, exit_entry: 5, traffic: 10, public_order: 15, case_handling: 10, emergency_110: 5, detention: 2, cyber: 13, other: 30 },
};

const MODES: Readonly<Record<CaseType, Readonly<Partial<Record<AcceptMode | 'not_accept' | 'merge', number>>>>> = {
  accusation: { assign: 86, not_accept: 3, merge: 2, refer: 3, transfer: 1, keep_on_file: 4, report_up: 0.6 },
  complaint: { assign: 80, direct: 10, not_accept: 4, merge: 2.5, transfer: 2, keep_on_file: 1.5 },
  suggestion: { for_information: 45, assign: 35, direct: 15, keep_on_file: 5 },
  praise: { for_information: 85, keep_on_file: 10, direct: 5 },
  consultation: { direct: 88, assign: 7, not_accept: 3, transfer: 2 },
  other: { direct: 45, assign: 25, not_accept: 15, transfer: 10, keep_on_file: 5 },
};

const PROBLEMS: Readonly<Record<CaseType, Readonly<Record<string, number>>>> = {
  accusation: { favours: 30, fees: 10, abuse: 20, unfair: 15, inaction: 15, discipline: 10 },
  complaint: { attitude: 35, inaction: 25, slow: 15, licensing: 15, unfair: 7, fees: 3 },
  suggestion: { service: 1 },
  praise: { praise: 1 },
  consultation: { procedure: 1 },
  other: { other: 1 },
};

interface Ev {
  readonly at: number;
  readonly event: string;
  readonly actorKind: 'staff' | 'reporter' | 'system';
  readonly actor: string | null;
  readonly unitId: string | null;
  readonly from: CaseState | null;
  readonly to: CaseState | null;
  readonly opinion: string | null;
  readonly public: boolean;
}

/** What the case row holds at the end of its story so far. */
interface Row {
  state: CaseState;
  version: number;
  scope: CaseScope | null;
  problemType: string | null;
  policeBranch: string | null;
  urgency: string;
  businessRelated: boolean;
  isAccusation: boolean;
  sealed: boolean;
  mode: AcceptMode | null;
  proposalEnc: Buffer | null;
  proposedUnitId: string | null;
  acceptedAt: number | null;
  publicDue: LocalDate | null;
  publicDueProvisional: boolean;
  extensionDaysUsed: number;
  currentUnitId: string | null;
  unitDue: LocalDate | null;
  handlerUserId: string | null;
  reviewStage: string | null;
  suspendedSince: LocalDate | null;
  chased: boolean;
  supervised: boolean;
  dissatisfied: boolean;
  firstContactAt: number | null;
  mergedIntoId: string | null;
  repliedAt: number | null;
  closedAt: number | null;
  archivedAt: number | null;
  updatedAt: number | null;
}

interface Level {
  readonly id: string;
  readonly depth: number;
  readonly unitId: string;
  readonly assignedAt: number;
  readonly assignedBy: string;
  unitDue: LocalDate;
  readonly provisional: boolean;
  readonly flaggedShort: boolean;
  readonly briefEnc: Buffer | null;
  signedForAt: number | null;
  signedForBy: string | null;
}

/** The story stops at the benchmark's "now": a step later than that has not happened yet. */
class Stop extends Error {}

export class CaseFactory {
  readonly cipher: FieldCipher;
  readonly blind: BlindIndexer;
  readonly codes: QueryCodeHasher;
  readonly search: SearchTokenizer;
  readonly cal: BusinessCalendar;
  readonly today: LocalDate;
  /** Recently generated case ids by type, for merges into an earlier case. */
  readonly #recent = new Map<CaseType, string>();
  #timelineId = 0;

  constructor(
    ring: KeyRing,
    readonly org: Org,
    readonly params: SeedParams,
    readonly times: Float64Array,
    readonly numbers: readonly string[],
  ) {
    this.cipher = new FieldCipher(ring);
    this.blind = new BlindIndexer(ring);
    this.codes = new QueryCodeHasher(ring);
    this.search = new MemoTokenizer(ring);
    this.cal = BusinessCalendar.fromData();
    this.today = localDate(params.nowMs);
  }

  startChunk(chunk: number, chunkSize: number): void {
    this.#timelineId = chunk * chunkSize * TIMELINE_IDS_PER_CASE + 1;
    this.#recent.clear();
  }

  #enc(table: string, column: string, rowId: string, value: string | undefined | null): Buffer | null {
    return value === undefined || value === null ? null : this.cipher.encrypt({ table, column, rowId }, value);
  }

  #encJson(table: string, column: string, rowId: string, value: unknown): Buffer {
    return this.cipher.encryptJson({ table, column, rowId }, value);
  }

  // The calendar answers, remembered: a few hundred distinct days are asked about millions of times.
  readonly #working = new Map<string, boolean>();
  readonly #added = new Map<string, LocalDate>();

  #isWorkingDay(d: LocalDate): boolean {
    let v = this.#working.get(d);
    if (v === undefined) this.#working.set(d, (v = this.cal.isWorkingDay(d)));
    return v;
  }

  #addWorkingDays(d: LocalDate, n: number): LocalDate {
    const key = `${d}|${String(n)}`;
    let v = this.#added.get(key);
    if (v === undefined) this.#added.set(key, (v = this.cal.addWorkingDays(d, n)));
    return v;
  }

  /** A staff moment: during working hours of a working day, at least `hours` after `from`. */
  #work(rng: Rng, from: number, hours: number): number {
    let t = from + hours * HOUR;
    for (let guard = 0; guard < 30; guard++) {
      const d = localDate(t);
      const h = localHour(t);
      if (this.#isWorkingDay(d) && h >= 8.5 && h < 17.5) return t;
      const next = h < 8.5 && this.#isWorkingDay(d) ? d : this.#addWorkingDays(d, 1);
      t = atLocal(next, 8.5 + rng.next() * 2);
    }
    return t;
  }

  /** After `workingDays` working days, at a working hour. */
  #afterWorkingDays(rng: Rng, from: number, workingDays: number): number {
    const whole = Math.floor(workingDays);
    const d = whole > 0 ? this.#addWorkingDays(localDate(from), whole) : localDate(from);
    const base = whole > 0 ? atLocal(d, 8.5 + rng.next() * 8.5) : from;
    return this.#work(rng, base, (workingDays - whole) * 8);
  }

  generate(b: Buffers, index: number): void {
    const p = this.params;
    const rng = new Rng(hashSeed(p.seed, index));
    const org = this.org;
    const createdAt = this.times[index] ?? p.nowMs;
    const caseId = uuidv7(createdAt);
    const hour = localHour(createdAt);
    const officeHours = this.#isWorkingDay(localDate(createdAt)) && hour >= 8.5 && hour < 17.5;
    const channel: Channel = officeHours
      ? rng.weighted({ phone: 36, web: 26, wechat: 15, email: 6, voicemail: 4, letter: 4, sms: 2.5, visit: 3, mailbox: 1.5, superior_transfer: 2 })
      : rng.weighted({ web: 92, phone: 8 });
    const type: CaseType = rng.weighted({ complaint: 44, consultation: 17, accusation: 12, suggestion: 10, praise: 9, other: 8 });
    const topic: PoliceBranch = rng.weighted(TOPICS[type]);
    const station = org.pickStation(rng);
    const staffRegistered = channel !== 'web';
    const realName = channel === 'wechat' || rng.chance(type === 'accusation' ? 0.45 : type === 'praise' ? 0.85 : channel === 'phone' ? 0.8 : 0.6);
    const withSubject = type === 'complaint' ? rng.chance(0.1) : type === 'praise' ? rng.chance(0.6) : false;
    const receivedAt = (() => {
      switch (channel) {
        case 'web':
          return createdAt;
        case 'phone':
        case 'visit':
          return createdAt - rng.between(2, 30) * 60_000;
        case 'letter':
        case 'superior_transfer':
          return createdAt - rng.skewed(0.5, 2, 6) * DAY;
        case 'mailbox':
          return createdAt - rng.skewed(0.1, 1, 5) * DAY;
        case 'wechat':
        case 'email':
        case 'sms':
        case 'voicemail':
          return createdAt - rng.skewed(0.05, 3, 60) * HOUR;
      }
    })();
    const occurredAt = receivedAt - rng.skewed(0.05, 2, 40) * DAY;
    const text = reportText(rng, type, topic, station.place, new Date(occurredAt), staffRegistered && rng.chance(0.6), withSubject);
    const title = text.title ?? generatedTitle(text.content);
    const subjectCount = text.subjects.length;
    const caseNumber = this.numbers[index] ?? formatCaseNumber(p.prefix, new Date(createdAt).getUTCFullYear(), index + 1, p.width);
    const ref = (column: string) => ({ table: 'cases', column, rowId: caseId });
    const queryCode = generateQueryCode();

    const events: Ev[] = [];
    const levels: Level[] = [];
    const row: Row = {
      state: 'registered', version: 1, scope: null, problemType: null, policeBranch: null, urgency: 'normal', businessRelated: false,
      isAccusation: isAccusation({ type, scope: null, subjectCount }), sealed: false, mode: null, proposalEnc: null, proposedUnitId: null, acceptedAt: null,
      publicDue: null, publicDueProvisional: false, extensionDaysUsed: 0, currentUnitId: null, unitDue: null, handlerUserId: null, reviewStage: null,
      suspendedSince: null, chased: false, supervised: false, dissatisfied: false, firstContactAt: null, mergedIntoId: null, repliedAt: null, closedAt: null,
      archivedAt: null, updatedAt: null,
    };
    const dcd = org.idOf('dcd');
    const sj = org.idOf('sj');
    const now = p.nowMs;
    const intakeUser = org.one(rng, 'intake');
    const assigner = org.one(rng, 'assigner');

    /** Records a staff step (one action: one version), unless it lies after "now". */
    const step: StepFn = (at, event, actor, unitId, to, opinion = null, pub = false, sameAction = false) => {
      if (at > now) throw new Stop();
      const from = row.state;
      events.push({ at, event, actorKind: 'staff', actor, unitId, from, to: to ?? from, opinion, public: pub });
      if (to !== null) row.state = to;
      if (!sameAction) row.version++;
      row.updatedAt = at;
    };

    if (staffRegistered) events.push({ at: createdAt, event: 'register', actorKind: 'staff', actor: intakeUser, unitId: dcd, from: null, to: 'registered', opinion: null, public: true });
    else events.push({ at: createdAt, event: 'submit', actorKind: 'reporter', actor: null, unitId: null, from: null, to: 'registered', opinion: null, public: true });

    // Subjects as written; linked after screening (accept) for accusations.
    const subjects: SubjectRow[] = text.subjects.map((s, k) => ({
      id: uuidv7(createdAt), order: k + 1, name: s.name, policeNumber: s.policeNumber, unit: s.unit, title: s.position, vehiclePlate: s.vehiclePlate, linkedUser: null, linkedUnitId: null, rank: null,
    }));
    const pending: { id: string; kind: string; by: string; at: number; settledBy: string | null; settledAt: number | null; settlement: string | null; payload: unknown }[] = [];
    const results: { id: string; finding: string; by: string; at: number }[] = [];
    const replies: { id: string; outcome: string; method: string | null; at: number; by: string }[] = [];
    const out: { followUp: FollowUpRow | null } = { followUp: null };
    const followRecords: { id: string; outcome: string; at: number; by: string; reasons: string[] }[] = [];
    let conflict: { user: string; at: number } | null = null;
    let message: number | null = null;

    try {
      // The reporter adds information now and then while the case is young.
      if (rng.chance(0.04)) {
        const at = createdAt + rng.skewed(0.1, 2, 20) * DAY;
        if (at <= now) message = at;
      }
      const drawn = rng.weighted(MODES[type]);
      const merged = drawn === 'merge' ? this.#recent.get(type) : undefined;
      const mode = drawn === 'merge' && merged === undefined ? 'not_accept' : drawn;
      this.#recent.set(type, caseId);
      const acceptAt = this.#work(rng, createdAt, rng.skewed(0.2, 3, 40));
      const urgent = rng.chance(type === 'accusation' ? 0.15 : 0.04);
      // Classification at accept.
      const scope: CaseScope = type === 'accusation' ? (rng.chance(0.08) ? 'internal_affairs' : rng.chance(0.12) ? 'business_environment' : 'misconduct')
        : type === 'complaint' ? rng.weighted({ opinion: 70, business_environment: 18, social_info: 12 })
          : type === 'suggestion' ? rng.weighted({ opinion: 40, team_building: 25, decision_feedback: 15, social_info: 20 })
            : type === 'praise' ? 'praise' : type === 'consultation' ? rng.weighted({ other: 70, social_info: 30 }) : 'other';
      const accusation = isAccusation({ type, scope, subjectCount });
      // Screening links every subject of an accusation to a user and unit (DESIGN §3.4).
      let handlingInspection: string = station.branch.inspectionId;
      if (accusation) {
        if (subjects.length === 0) subjects.push({ id: uuidv7(createdAt), order: 1, name: '不详', policeNumber: undefined, unit: undefined, title: undefined, vehiclePlate: undefined, linkedUser: null, linkedUnitId: null, rank: null });
        const againstCentre = mode === 'report_up';
        for (const s of subjects) {
          const target = againstCentre ? rng.pick(org.centreInspectors) : rng.chance(0.1) ? station.head : rng.pick(station.officers);
          s.linkedUser = target;
          s.linkedUnitId = againstCentre ? dcd : station.id;
          s.rank = target.rank;
          if (target.rank === 'unit_leader') handlingInspection = dcd;
        }
      }
      const businessRelated = scope === 'business_environment' || rng.chance(0.05);
      const acceptFields = (): void => {
        row.scope = scope;
        row.problemType = rng.weighted(PROBLEMS[type]);
        row.policeBranch = rng.chance(0.9) ? topic : 'other';
        row.urgency = urgent ? 'urgent' : 'normal';
        row.businessRelated = businessRelated;
        row.isAccusation = accusation;
      };

      if (mode === 'not_accept' || mode === 'merge') {
        if (accusation) {
          const id = uuidv7(acceptAt);
          const confirmAt = this.#work(rng, acceptAt, rng.skewed(0.5, 4, 24));
          step(acceptAt, `request_${mode}`, intakeUser, dcd, null, '反映内容经甄别，拟不予受理');
          pending.push({ id, kind: mode, by: intakeUser, at: acceptAt, settledBy: null, settledAt: null, settlement: null, payload: { action: mode, input: {} } });
          step(confirmAt, 'confirm', org.one(rng, 'supervision_head'), dcd, null, '同意');
          const last = pending.at(-1);
          if (last) Object.assign(last, { settledBy: events.at(-1)?.actor ?? null, settledAt: confirmAt, settlement: 'confirmed' });
        }
        const at = events.at(-1)?.at ?? acceptAt;
        if (mode === 'not_accept') {
          step(Math.max(at, acceptAt), 'not_accept', intakeUser, dcd, 'not_accepted', '经审查，不属于本平台受理范围，请向有关部门反映。', true);
          row.closedAt = Math.max(at, acceptAt);
          replies.push({ id: uuidv7(acceptAt), outcome: 'not_accepted', method: null, at: Math.max(at, acceptAt), by: intakeUser });
        } else {
          step(Math.max(at, acceptAt), 'merge', intakeUser, dcd, 'merged', '与前件反映同一事项，并案办理');
          row.mergedIntoId = merged ?? null;
        }
        this.#archive(rng, row, step);
        return;
      }

      // accept with a mode
      const m = mode;
      row.mode = m;
      acceptFields();
      const policy = type === 'praise' || m === 'for_information' || m === 'keep_on_file' ? null : DEFAULT_PUBLIC_POLICY;
      const clock = policy === null ? null : publicDeadline(this.cal, localDate(acceptAt), policy);
      const proposedUnit = m === 'assign' ? (accusation ? handlingInspection : this.#handlingUnit(rng, topic, station)) : null;
      const twoPerson = accusation && (m === 'keep_on_file' || m === 'transfer' || m === 'refer' || m === 'report_up');
      let acceptStepAt = acceptAt;
      if (twoPerson) {
        const id = uuidv7(acceptAt);
        step(acceptAt, `request_${m}`, intakeUser, dcd, null, rng.pick(PROPOSALS));
        pending.push({ id, kind: m, by: intakeUser, at: acceptAt, settledBy: null, settledAt: null, settlement: null, payload: { action: 'accept', input: { mode: m } } });
        acceptStepAt = this.#work(rng, acceptAt, rng.skewed(0.5, 4, 24));
        const confirmer = org.one(rng, 'supervision_head');
        step(acceptStepAt, 'confirm', confirmer, dcd, null, '同意');
        Object.assign(pending[pending.length - 1] ?? {}, { settledBy: confirmer, settledAt: acceptStepAt, settlement: 'confirmed' });
      }
      const to: CaseState = m === 'direct' ? 'direct_handling' : m === 'assign' || m === 'for_information' ? 'awaiting_instruction' : m === 'keep_on_file' ? 'closed' : 'transferred_out';
      const proposal = { text: m === 'assign' ? `拟交${org.unitName(proposedUnit)}办理` : rng.pick(PROPOSALS), unitDeadline: null, informUnitIds: [], transferTo: m === 'transfer' ? '市场监督管理局' : null };
      row.proposalEnc = this.#encJson('cases', 'proposal_enc', caseId, proposal);
      row.proposedUnitId = proposedUnit;
      row.acceptedAt = acceptStepAt;
      row.publicDue = clock?.due ?? null;
      row.publicDueProvisional = clock?.provisional ?? false;
      row.sealed = m === 'report_up';
      step(acceptStepAt, 'accept', intakeUser, dcd, to, proposal.text, true);
      if (to === 'closed') row.closedAt = acceptStepAt;
      if (to === 'closed' || to === 'transferred_out') {
        this.#archive(rng, row, step);
        return;
      }

      if (m === 'direct') {
        const contact = this.#work(rng, acceptStepAt, rng.skewed(0.2, 3, 16));
        if (realName) {
          step(contact, 'record_contact', intakeUser, dcd, null, '已电话联系反映人');
          row.firstContactAt = contact;
        }
        const replyAt = this.#afterWorkingDays(rng, contact, rng.skewed(0, 2, 20));
        this.#reply(rng, row, step, replies, replyAt, intakeUser, realName);
        this.#closeAndFollow(rng, row, step, realName, (f) => (out.followUp = f), followRecords);
        this.#archive(rng, row, step);
        return;
      }

      // Instruction by the duty leader.
      const instructAt = this.#afterWorkingDays(rng, acceptStepAt, rng.skewed(0.1, 0.8, 4));
      const leader = org.one(rng, 'duty_leader');
      if (m === 'for_information') {
        step(instructAt, 'instruct', leader, sj, 'closed', '阅', false);
        row.closedAt = instructAt;
        this.#archive(rng, row, step);
        return;
      }
      let assignAt = instructAt;
      let assignedBy = leader;
      let lead = proposedUnit ?? dcd;
      if (rng.chance(0.1)) {
        step(instructAt, 'instruct', leader, sj, 'ready_to_assign', rng.pick(INSTRUCTIONS));
        assignAt = this.#afterWorkingDays(rng, instructAt, rng.skewed(0.1, 0.6, 3));
        assignedBy = assigner;
        if (!accusation && rng.chance(0.3)) lead = this.#handlingUnit(rng, topic, station);
      }
      const addLevel = (at: number, unitId: string, depth: number, by: string, ceiling: LocalDate | null, sub: boolean): Level => {
        const due = sub && ceiling !== null ? subUnitDeadline(this.cal, localDate(at), ceiling) : unitDeadline(this.cal, localDate(at), ceiling);
        const id = uuidv7(at);
        const level: Level = { id, depth, unitId, assignedAt: at, assignedBy: by, unitDue: due.due, provisional: due.provisional, flaggedShort: due.flaggedShort,
          briefEnc: depth === 0 || rng.chance(0.5) ? this.#enc('dispatch_levels', 'brief_enc', id, rng.pick(BRIEFS)) : null, signedForAt: null, signedForBy: null };
        levels.push(level);
        row.currentUnitId = unitId;
        row.unitDue = due.due;
        row.handlerUserId = null;
        return level;
      };
      if (assignedBy === leader) {
        step(assignAt, 'instruct', leader, sj, 'assigned', rng.pick(INSTRUCTIONS));
        addLevel(assignAt, lead, 0, leader, row.publicDue, false);
      } else {
        step(assignAt, 'assign', assigner, lead, 'assigned', rng.pick(BRIEFS));
        addLevel(assignAt, lead, 0, assigner, row.publicDue, false);
      }

      // Sign-for, redispatch from a branch to a station, the handler.
      let level = levels[levels.length - 1] as Level;
      const signFor = (lv: Level, after: number): void => {
        const staff = org.staffOf(lv.unitId);
        const at = this.#work(rng, after, rng.skewed(0.3, 3, 30));
        step(at, 'sign_for', staff.liaison, lv.unitId, 'in_progress');
        lv.signedForAt = at;
        lv.signedForBy = staff.liaison;
      };
      signFor(level, assignAt);
      const unitKind = org.kindOf(level.unitId);
      if (unitKind === 'branch' || unitKind === 'county') {
        const target = rng.pick(station.branch.stations);
        const at = this.#work(rng, level.signedForAt ?? assignAt, rng.skewed(0.2, 2, 12));
        const staff = org.staffOf(level.unitId);
        step(at, 'redispatch', staff.liaison, target.id, 'assigned', rng.pick(BRIEFS));
        level = addLevel(at, target.id, 1, staff.liaison, level.unitDue, true);
        signFor(level, at);
      }
      const staff = org.staffOf(level.unitId);
      const signedAt = level.signedForAt ?? assignAt;
      if (rng.chance(0.4)) {
        row.handlerUserId = staff.liaison;
      } else {
        const h = rng.pick(staff.handlers);
        step(this.#work(rng, signedAt, rng.skewed(0.2, 2, 10)), 'assign_handler', staff.head, level.unitId, null);
        row.handlerUserId = h;
      }
      const handler = row.handlerUserId;
      if (rng.chance(0.0015)) conflict = { user: rng.pick(staff.handlers), at: this.#work(rng, signedAt, 4) };
      if (realName) {
        const at = this.#work(rng, signedAt, rng.skewed(0.5, 4, 16));
        step(at, 'record_contact', handler, level.unitId, null, '已联系反映人，了解具体情况');
        row.firstContactAt = at;
      }
      // A few handling cycles drag on: extension requests, suspension, or simply no result.
      const dueMs = (d: LocalDate): number => atLocal(d, 17);
      if (rng.chance(0.05)) {
        const at = this.#afterWorkingDays(rng, signedAt, rng.between(3, 8));
        if (at < dueMs(level.unitDue)) {
          const id = uuidv7(at);
          const head = staff.head;
          step(at, 'request_extension', head, level.unitId, null, '案情复杂，需进一步调查取证');
          const rec = { id, kind: 'extension', by: head, at, settledBy: null as string | null, settledAt: null as number | null, settlement: null as string | null, payload: { action: 'request_extension', input: { days: 15, reason: '案情复杂', reasonForReporter: '需要进一步调查核实' } } };
          pending.push(rec);
          const decideAt = this.#afterWorkingDays(rng, at, rng.skewed(0.2, 1, 4));
          const boss = org.one(rng, 'supervision_head');
          step(decideAt, 'decide_extension_approve', boss, dcd, null, '同意延期15日');
          Object.assign(rec, { settledBy: boss, settledAt: decideAt, settlement: 'confirmed' });
          const days = 15;
          if (row.publicDue !== null) row.publicDue = extend(this.cal, row.publicDue, days);
          if (row.unitDue !== null) row.unitDue = extend(this.cal, row.unitDue, days);
          for (const l of levels) l.unitDue = extend(this.cal, l.unitDue, days);
          row.extensionDaysUsed = days;
          step(decideAt, 'extended', boss, dcd, null, '需要进一步调查核实', true, true);
        }
      }
      if (rng.chance(0.004)) {
        const at = this.#afterWorkingDays(rng, signedAt, rng.between(2, 6));
        step(at, 'suspended', org.one(rng, 'supervision_head'), dcd, null, null, true);
        row.suspendedSince = localDate(at);
        throw new Stop();
      }
      // Most results come within the unit deadline; some late, a few very late.
      const workDays = rng.chance(0.012) ? rng.between(40, 150) : rng.chance(0.1) ? rng.between(16, 35) : rng.skewed(2, 7, 14);
      const resultAt = this.#afterWorkingDays(rng, signedAt, workDays);
      // Overdue cases are chased, then supervised.
      const chaseAt = this.#afterWorkingDays(rng, dueMs(row.unitDue ?? this.today), 1);
      if (resultAt > chaseAt && chaseAt <= now && rng.chance(0.75)) {
        step(chaseAt, 'chase', assigner, level.unitId, null, '请抓紧办理，按时反馈');
        row.chased = true;
        const supAt = this.#afterWorkingDays(rng, chaseAt, 5);
        if (resultAt > supAt && supAt <= now && rng.chance(0.4)) {
          step(supAt, 'supervise', org.one(rng, 'supervision_head'), level.unitId, null, '督办：限期办结');
          row.supervised = true;
        }
      }
      if (conflict !== null && conflict.at <= now) step(conflict.at, 'declare_conflict', conflict.user, level.unitId, null);
      const finding = type === 'accusation' ? rng.weighted({ substantiated: 18, partly_substantiated: 22, unsubstantiated: 45, unverifiable: 15 }) : rng.weighted({ substantiated: 35, partly_substantiated: 30, unsubstantiated: 30, unverifiable: 5 });
      const submit = (at: number): void => {
        step(at, 'submit_result', handler, level.unitId, 'under_review');
        results.push({ id: uuidv7(at), finding, by: handler, at });
        row.reviewStage = `unit:${String(levels.length - 1)}`;
      };
      submit(resultAt);
      // The review walks back up the chain, then the centre.
      let t = resultAt;
      for (let k = levels.length - 1; k >= 0; k--) {
        const lv = levels[k] as Level;
        const head = org.staffOf(lv.unitId).head;
        t = this.#afterWorkingDays(rng, t, rng.skewed(0.1, 1, 5));
        if (k === levels.length - 1 && rng.chance(0.05)) {
          step(t, 'review_send_back', head, lv.unitId, 'in_progress', '请补充调查材料');
          row.reviewStage = null;
          t = this.#afterWorkingDays(rng, t, rng.skewed(1, 3, 8));
          submit(t);
          t = this.#afterWorkingDays(rng, t, rng.skewed(0.1, 1, 4));
        }
        step(t, 'review_approve', head, lv.unitId, 'under_review', rng.pick(REVIEWS));
        row.reviewStage = k > 0 ? `unit:${String(k - 1)}` : 'centre';
      }
      t = this.#afterWorkingDays(rng, t, rng.skewed(0.1, 1, 4));
      step(t, 'review_approve', assigner, dcd, 'under_review', rng.pick(REVIEWS));
      row.reviewStage = 'approved';
      const replyAt = this.#afterWorkingDays(rng, t, rng.skewed(0, 1, 5));
      this.#reply(rng, row, step, replies, replyAt, assigner, realName);
      this.#closeAndFollow(rng, row, step, realName, (f) => (out.followUp = f), followRecords);
      this.#archive(rng, row, step);
    } catch (err) {
      if (!(err instanceof Stop)) throw err;
    } finally {
      this.#write(b, {
        caseId, caseNumber, channel, type, topic, realName, receivedAt, createdAt, ref, title, text, queryCode, row, events, levels, subjects, pending, results,
        replies, followUp: out.followUp, followRecords, conflict, message, station,
      });
    }
  }

  #handlingUnit(rng: Rng, topic: PoliceBranch, station: Station): string {
    const r = rng.next();
    if (r < 0.68) return station.id;
    if (r < 0.88) return station.branch.id;
    if (topic === 'traffic') return this.org.idOf(`jjdd${String(rng.between(1, 6))}`);
    if (topic === 'exit_entry') return this.org.idOf('crj');
    if (topic === 'public_order') return this.org.idOf('zad');
    return station.id;
  }

  #reply(rng: Rng, row: Row, step: StepFn, replies: { id: string; outcome: string; method: string | null; at: number; by: string }[], at: number, by: string, realName: boolean): void {
    step(at, 'reply', by, this.org.idOf('dcd'), 'replied', null, true);
    row.repliedAt = at;
    row.reviewStage = null;
    const reachable = realName || rng.chance(0.3);
    replies.push({ id: uuidv7(at), outcome: reachable ? 'replied' : 'cannot_reply', method: reachable ? rng.weighted({ phone: 60, written: 12, sms: 10, online: 13, in_person: 5 }) : null, at, by });
  }

  #closeAndFollow(rng: Rng, row: Row, step: StepFn, realName: boolean, setTask: (f: FollowUpRow) => void, records: { id: string; outcome: string; at: number; by: string; reasons: string[] }[]): void {
    const at = this.#work(rng, row.repliedAt ?? 0, rng.skewed(0.2, 6, 40));
    const dcd = this.org.idOf('dcd');
    step(at, 'close', this.org.one(rng, 'assigner'), dcd, 'closed', null, true);
    row.closedAt = at;
    if (!realName) return;
    const task: FollowUpRow = { id: uuidv7(at), due: followUpDue(this.cal, localDate(at)), status: 'open', attempts: 0, created: at, settled: null };
    setTask(task);
    let t = at;
    for (let attempt = 1; attempt <= 3; attempt++) {
      t = this.#afterWorkingDays(rng, t, rng.skewed(0.2, 2, 5));
      const outcome = rng.weighted({ satisfied: 62, basically_satisfied: 18, dissatisfied: 7, no_answer: 10, wrong_number: 1.5, refused: 1, do_not_call: 0.5 });
      const by = this.org.one(rng, 'followup');
      step(t, 'follow_up', by, dcd, null, outcome === 'dissatisfied' ? '反映人对处理结果不满意' : null);
      records.push({ id: uuidv7(t), outcome, at: t, by, reasons: outcome === 'dissatisfied' ? [rng.pick(['result', 'attitude', 'unresolved', 'not_contacted'])] : [] });
      task.attempts = attempt;
      if (outcome === 'satisfied' || outcome === 'basically_satisfied' || outcome === 'dissatisfied' || outcome === 'refused' || outcome === 'do_not_call' || attempt === 3) {
        task.status = outcome === 'satisfied' || outcome === 'basically_satisfied' || outcome === 'dissatisfied' ? 'done' : 'ended';
        task.settled = t;
        if (outcome === 'dissatisfied') {
          row.dissatisfied = true;
          const explainAt = this.#afterWorkingDays(rng, t, rng.skewed(0.5, 2, 6));
          step(explainAt, 'explain', this.org.one(rng, 'assigner'), dcd, null, null, true);
          row.dissatisfied = false;
        }
        return;
      }
    }
  }

  #archive(rng: Rng, row: Row, step: StepFn): void {
    const last = row.updatedAt ?? row.closedAt ?? 0;
    const at = this.#afterWorkingDays(rng, last, rng.skewed(10, 25, 60));
    step(at, 'archive', this.org.one(rng, 'archivist'), this.org.idOf('dcd'), 'archived');
    row.archivedAt = at;
  }

  #write(b: Buffers, c: Written): void {
    const { caseId, row, ref } = c;
    const at = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));
    const details = this.#encJson('cases', 'details_enc', caseId, { occurredAt: null, location: c.text.location });
    const channelDetails = c.channel === 'phone' ? { callerNumber: c.realName ? '138****0000' : null, callTime: new Date(c.receivedAt).toISOString() }
      : c.channel === 'letter' ? { postmark: localDate(c.receivedAt) } : c.channel === 'visit' ? { visitors: 1 } : c.channel === 'mailbox' ? { boxOpenedOn: localDate(c.createdAt) } : null;
    b.cases.add([
      caseId, c.caseNumber, c.channel, c.type, row.scope, c.topic, row.state, c.realName ? 'real_name' : 'anonymous',
      this.cipher.encrypt(ref('title_enc'), c.title), this.cipher.encrypt(ref('content_enc'), c.text.content), details,
      this.codes.hash(`${caseId}:${c.queryCode}`), null, new Date(c.receivedAt), new Date(c.createdAt), row.version, row.problemType, row.policeBranch, row.urgency,
      row.businessRelated, row.isAccusation, row.sealed, channelDetails === null ? null : this.#encJson('cases', 'channel_details_enc', caseId, channelDetails),
      false, row.mode, row.proposalEnc, row.proposedUnitId, at(row.acceptedAt), row.publicDue, row.publicDueProvisional, 1, 0, row.extensionDaysUsed,
      row.currentUnitId, row.unitDue, row.handlerUserId, ACTIVE.has(row.state) ? row.reviewStage : null, row.suspendedSince, row.chased, row.supervised,
      row.dissatisfied, false, false, at(row.firstContactAt), row.mergedIntoId, at(row.repliedAt), at(row.closedAt), at(row.archivedAt), at(row.updatedAt),
    ]);
    if (c.realName) {
      const id = uuidv7(c.createdAt);
      const e = (col: string, v: string | null) => this.#enc('reporters', col, id, v);
      const n = hashSeed(this.params.seed, c.createdAt) % 100_000_000;
      const phone = c.channel === 'wechat' && n % 3 === 0 ? null : `1${String(3 + (n % 6))}${String(n).padStart(9, '0')}`;
      const email = c.channel === 'email' ? `reporter${String(n)}@example.invalid` : null;
      const openid = c.channel === 'wechat' ? `o${Buffer.from(String(n)).toString('base64url')}DemoOpenId` : null;
      b.reporters.add([
        id, caseId, e('name_enc', personNameOf(n)), e('phone_enc', phone), e('email_enc', email), e('address_enc', n % 3 === 0 ? `${c.station.place.branchName}${String(n % 200)}号` : null),
        e('workplace_enc', n % 7 === 0 ? '示例市某公司' : null), e('openid_enc', openid),
        phone === null ? null : this.blind.index('phone', phone), email === null ? null : this.blind.index('email', email), openid === null ? null : this.blind.index('openid', openid),
        new Date(c.createdAt),
      ]);
    }
    for (const s of c.subjects) {
      const e = (col: string, v: string | undefined) => this.#enc('subjects', col, s.id, v);
      // Screening often finds the police number the reporter did not know.
      const pn = s.policeNumber ?? (s.linkedUser !== null && hashSeed(s.order, c.createdAt) % 3 === 0 ? s.linkedUser.policeNumber : undefined);
      b.subjects.add([
        s.id, caseId, s.order, e('name_enc', s.name), e('police_number_enc', pn), pn === undefined ? null : this.blind.index('police-number', pn),
        e('unit_text_enc', s.unit), e('position_title_enc', s.title), e('vehicle_plate_enc', s.vehiclePlate),
        s.linkedUser?.id ?? null, s.linkedUnitId, s.rank, new Date(c.createdAt),
      ]);
    }
    if (c.message !== null) {
      const id = uuidv7(c.message);
      b.messages.add([id, caseId, 'from_reporter', null, this.cipher.encrypt({ table: 'messages', column: 'body_enc', rowId: id }, '补充一下：当时在场的还有另外两名群众，可以作证。'), new Date(c.message)]);
      c.events.push({ at: c.message, event: 'add_information', actorKind: 'reporter', actor: null, unitId: null, from: null, to: null, opinion: null, public: true });
    }
    c.events.sort((x, y) => x.at - y.at);
    for (const e of c.events) {
      const id = this.#timelineId++;
      b.timeline.add([id, caseId, new Date(e.at), e.event, e.actorKind, e.actor, e.actorKind === 'staff' ? e.unitId : null, e.from, e.to,
        e.opinion === null ? null : this.cipher.encrypt({ table: 'timeline', column: 'opinion_enc', rowId: String(id) }, e.opinion), e.public]);
    }
    for (const l of c.levels) {
      b.dispatch_levels.add([l.id, caseId, 1, l.depth, l.unitId, [], new Date(l.assignedAt), l.assignedBy, l.unitDue, l.provisional, l.flaggedShort, l.briefEnc,
        at(l.signedForAt), l.signedForBy, true, null]);
    }
    for (const d of c.pending) {
      b.pending_decisions.add([d.id, caseId, d.kind, this.#encJson('pending_decisions', 'payload_enc', d.id, d.payload), d.by, new Date(d.at),
        d.settledBy === null ? '[]' : JSON.stringify([{ userId: d.settledBy, role: 'supervision_head', at: new Date(d.settledAt ?? d.at).toISOString() }]),
        d.settlement, d.settledBy, at(d.settledAt)]);
    }
    for (const r of c.results) {
      b.case_results.add([r.id, caseId, 1, r.finding, this.#encJson('case_results', 'body_enc', r.id, { investigationReport: RESULT_REPORTS[r.at % RESULT_REPORTS.length] ?? null, measures: MEASURES[r.at % MEASURES.length] ?? null, discipline: [], draftReply: REPLIES[r.at % REPLIES.length] ?? '' }), r.by, new Date(r.at)]);
    }
    for (const r of c.replies) {
      const body = r.outcome === 'replied' ? { text: REPLIES[r.at % REPLIES.length] ?? '', answeredBy: '督察支队', reaction: null } : r.outcome === 'cannot_reply' ? { cannotReplyReason: 'no_contact', note: null } : { reason: 'out_of_scope', explanation: '不属于受理范围', whereToGo: '请向有关部门反映' };
      b.replies.add([r.id, caseId, 1, r.outcome, r.method, this.#encJson('replies', 'body_enc', r.id, body), new Date(r.at), r.by, new Date(r.at)]);
    }
    if (c.followUp !== null) {
      const f = c.followUp;
      b.follow_ups.add([f.id, caseId, 1, f.due, f.status, f.attempts, new Date(f.created), at(f.settled)]);
      for (const r of c.followRecords) {
        b.follow_up_records.add([r.id, caseId, f.id, r.outcome, 'phone', r.reasons, null, r.by, new Date(r.at)]);
      }
    }
    if (c.conflict !== null && c.conflict.at <= this.params.nowMs) {
      b.case_conflicts.add([caseId, c.conflict.user, this.cipher.encrypt({ table: 'case_conflicts', column: 'reason_enc', rowId: `${caseId}:${c.conflict.user}` }, '与反映人系亲属关系'), new Date(c.conflict.at)]);
    }
    // The indexing job's output (src/commands/index-search.ts): title and content, keyed; sealed cases never.
    if (!row.sealed) {
      const indexedAt = Math.min(this.params.nowMs, c.createdAt + 60_000);
      b.case_search.add([caseId, this.search.documentVector(`${c.title}\n${c.text.content}`), this.search.icuVersion, new Date(indexedAt)]);
    }
  }
}

type StepFn = (at: number, event: string, actor: string | null, unitId: string | null, to: CaseState | null, opinion?: string | null, pub?: boolean, sameAction?: boolean) => void;

interface SubjectRow {
  readonly id: string;
  readonly order: number;
  readonly name: string | undefined;
  readonly policeNumber: string | undefined;
  readonly unit: string | undefined;
  readonly title: string | undefined;
  readonly vehiclePlate: string | undefined;
  linkedUser: OrgUserData | null;
  linkedUnitId: string | null;
  rank: Rank | null;
}

interface FollowUpRow {
  readonly id: string;
  readonly due: LocalDate;
  status: string;
  attempts: number;
  readonly created: number;
  settled: number | null;
}

interface Written {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly channel: Channel;
  readonly type: CaseType;
  readonly topic: PoliceBranch;
  readonly realName: boolean;
  readonly receivedAt: number;
  readonly createdAt: number;
  readonly ref: (column: string) => { table: string; column: string; rowId: string };
  readonly title: string;
  readonly text: { readonly content: string; readonly location: string };
  readonly queryCode: string;
  readonly row: Row;
  readonly events: Ev[];
  readonly levels: readonly Level[];
  readonly subjects: readonly SubjectRow[];
  readonly pending: readonly { id: string; kind: string; by: string; at: number; settledBy: string | null; settledAt: number | null; settlement: string | null; payload: unknown }[];
  readonly results: readonly { id: string; finding: string; by: string; at: number }[];
  readonly replies: readonly { id: string; outcome: string; method: string | null; at: number; by: string }[];
  readonly followUp: FollowUpRow | null;
  readonly followRecords: readonly { id: string; outcome: string; at: number; by: string; reasons: string[] }[];
  readonly conflict: { user: string; at: number } | null;
  readonly message: number | null;
  readonly station: Station;
}

function personNameOf(n: number): string {
  const s = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董';
  const g = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍';
  return `${s.charAt(n % s.length)}${g.charAt((n >> 5) % g.length)}${n % 3 === 0 ? '' : g.charAt((n >> 9) % g.length)}`;
}
