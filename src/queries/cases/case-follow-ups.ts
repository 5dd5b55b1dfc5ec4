// 回访与通话 on the centre's case detail (issue 6): each follow-up outcome as recorded (by phone, SMS, in person
// or online) and the hotline calls that belong to the case — the one it was registered from and the
// follow-up officer's click-to-dial calls — with the recordings that became its files. No number is shown:
// the reporter's contact is in the reporter card, under its own access rules.
import type pg from 'pg';
import type { Deps } from '../../commands/deps.js';

export interface FollowUpRecordEntry {
  readonly recordedAt: string;
  readonly outcome: string;
  readonly channel: string;
  readonly reasons: readonly string[];
  readonly note: string | null;
  /** null when the reporter recorded it (online rating, SMS answer) */
  readonly recordedBy: string | null;
}

export interface CaseCallEntry {
  readonly direction: string;
  readonly startedAt: string | null;
  readonly answered: boolean;
  readonly durationSec: number | null;
  readonly agent: string | null;
  readonly followUp: boolean;
  /** the case's attachment ids of this call's recordings */
  readonly recordingIds: readonly string[];
}

export interface CaseFollowUps {
  readonly records: readonly FollowUpRecordEntry[];
  readonly calls: readonly CaseCallEntry[];
}

/** `withNotes`: the free-text notes record what the reporter said; only the roles that face reporters read them (DESIGN §7.2). */
export async function followUpsOf(deps: Deps, tx: pg.ClientBase, caseId: string, withNotes: boolean): Promise<CaseFollowUps> {
  const records = await tx.query<{ id: string; recorded_at: Date; outcome: string; channel: string; reasons: string[] | null; note_enc: Buffer | null; recorded_by: string | null }>(
    `SELECT r.id, r.recorded_at, r.outcome, r.channel, r.reasons, r.note_enc, u.display_name AS recorded_by
       FROM follow_up_records r LEFT JOIN users u ON u.id = r.recorded_by WHERE r.case_id = $1 ORDER BY r.recorded_at, r.id`,
    [caseId],
  );
  const calls = await tx.query<{ direction: string; started_at: Date | null; answered_at: Date | null; duration_sec: number | null; agent: string | null; follow_up_id: string | null; recording_ids: string[] }>(
    `SELECT c.direction, c.started_at, c.answered_at, c.duration_sec, u.display_name AS agent, c.follow_up_id,
            COALESCE(array_agg(a.id::text ORDER BY a.id) FILTER (WHERE a.id IS NOT NULL), '{}') AS recording_ids
       FROM calls c
       LEFT JOIN users u ON u.id = c.agent_user_id
       LEFT JOIN call_recordings r ON r.call_row_id = c.id
       LEFT JOIN attachments a ON a.id = r.id AND a.case_id = c.case_id
      WHERE c.case_id = $1
      GROUP BY c.id, u.display_name
      ORDER BY c.started_at NULLS LAST, c.id`,
    [caseId],
  );
  return {
    records: records.rows.map((r) => ({
      recordedAt: r.recorded_at.toISOString(),
      outcome: r.outcome,
      channel: r.channel,
      reasons: r.reasons ?? [],
      note: r.note_enc === null || !withNotes ? null : deps.cipher.decryptText({ table: 'follow_up_records', column: 'note_enc', rowId: r.id }, r.note_enc),
      recordedBy: r.recorded_by,
    })),
    calls: calls.rows.map((c) => ({
      direction: c.direction,
      startedAt: c.started_at?.toISOString() ?? null,
      answered: c.answered_at !== null,
      durationSec: c.duration_sec,
      agent: c.agent,
      followUp: c.follow_up_id !== null,
      recordingIds: c.recording_ids,
    })),
  };
}
