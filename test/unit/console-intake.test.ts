// The console's registration body and form drafts (web/console/src/intake, session/drafts.ts): what the
// API receives from a clerk's form, and that a draft never keeps the reporter's identity.
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { shownDetails } from '../../web/console/src/common/channel-details.js';
import { registrationBody } from '../../web/console/src/intake/registration-body.js';
import { draftOf } from '../../web/console/src/session/draft-values.js';
import { batchBody, batchFor } from '../../web/console/src/workbench/batch.js';

describe('console registration and drafts', () => {
  it('sends only the chosen channel’s record, with zoned times, and no reporter for an anonymous report', () => {
    const body = registrationBody({
      channel: 'mailbox',
      receivedAt: dayjs('2026-03-02T09:30:00+08:00'),
      type: 'complaint',
      content: ' 举报箱来信 ',
      anonymity: 'anonymous',
      reporter: { name: '不应发送' },
      subjects: [{ name: '' }, { policeNumber: '012345' }],
      channelDetails: { callerNumber: '13900000000', boxLocation: '大厅', openedAt: dayjs('2026-03-02T09:00:00+08:00'), openers: ['甲', ' 乙 ', ''] },
    });
    expect(body).toMatchObject({ channel: 'mailbox', type: 'complaint', content: '举报箱来信', anonymity: 'anonymous', subjects: [{ policeNumber: '012345' }] });
    expect(body).not.toHaveProperty('reporter');
    expect(body.channelDetails).toEqual({ boxLocation: '大厅', openedAt: expect.stringMatching(/^2026-03-02T\d{2}:00:00[+-]\d{2}:\d{2}$/u), openers: ['甲', '乙'] });
    expect(Date.parse(String(body.receivedAt))).toBe(Date.parse('2026-03-02T09:30:00+08:00'));
  });

  it('keeps a draft without the reporter block or a caller number, at any depth, dates marked', () => {
    const draft = draftOf({ content: '户籍窗口', reporter: { name: '张先生', phone: '13912345678' }, channelDetails: { callerNumber: '13912345678', calledAt: dayjs('2026-03-02T01:30:00Z') } });
    const text = JSON.stringify(draft);
    expect(text).not.toContain('张先生');
    expect(text).not.toContain('13912345678');
    expect(draft).toEqual({ content: '户籍窗口', channelDetails: { calledAt: { $date: '2026-03-02T01:30:00.000Z' } } });
  });

  it('offers batches on the queues the API batches, with the fixed and typed fields for every case', () => {
    expect(batchFor('to_instruct', ['duty_leader'])?.action).toBe('instruct');
    expect(batchFor('to_sign_for', ['liaison'])?.action).toBe('sign_for');
    expect(batchFor('overdue', ['liaison'])).toBeNull();
    // The assign batch asks the first case's own assign form; its unit is sent for every case.
    const assign = batchFor('to_assign', ['assigner']);
    expect(assign?.fieldsFromFirstCase).toBe(true);
    expect(batchFor('to_assign', ['intake'])).toBeNull();
    if (!assign) throw new Error('no assign batch');
    const offered = { type: 'object' as const, properties: { leadUnitId: { type: 'string' as const, enum: ['u1'] }, brief: { type: 'string' as const } } };
    expect(batchBody(assign, [{ caseNumber: 'SL2026-000002', version: 5 }], { leadUnitId: 'u1', brief: ' ', other: 'x' }, offered)).toEqual({ items: [{ caseNumber: 'SL2026-000002', version: 5 }], fields: { leadUnitId: 'u1' } });
    const instruct = batchFor('to_instruct', ['duty_leader']);
    if (instruct === null) throw new Error('no batch');
    expect(batchBody(instruct, [{ caseNumber: 'SL2026-000001', version: 3 }], { mode: 'assign', text: '同意。', other: 'x' })).toEqual({ items: [{ caseNumber: 'SL2026-000001', version: 3 }], fields: { decision: 'approve', mode: 'assign', text: '同意。' } });
  });
});

describe('the channel record of a case registered from the inbox', () => {
  it('shows the item’s own details, not its id or a nested object', () => {
    const record = { intakeItemId: '7b0f3d5e-1c2a-4c8e-9a51-2f4d6e8a0b1c', details: { subject: '反映交通噪音', refusedAttachments: 'a.exe' } };
    expect(shownDetails(record)).toEqual([['subject', '反映交通噪音'], ['refusedAttachments', 'a.exe']]);
    expect(shownDetails({ intakeItemId: 'x', details: null })).toEqual([]);
    expect(shownDetails({ callerNumber: '13800000000', calledAt: '2026-11-30T09:00:00+08:00' })).toHaveLength(2);
  });
});
