// What the account sends on its own (issue 8): the acknowledgement of a registered WeChat item, with the
// case number and the query code, the case's later notices, and the list a user asked for with 我的反映.
// Each goes to the one OpenID it belongs to: a customer-service text within WeChat's 48-hour window, else
// a one-time subscription message the user accepted (outreach.ts), else nothing but the portal. An
// acknowledgement that could not go is a dead letter, so its query code is kept for the centre to send
// again once the user writes; a notice that could not go is recorded as skipped. Both show on the case.
import { DeliveryDeferred, type OutboxHandler } from '../../jobs/outbox-relay.js';
import { PUBLIC_STAGE_LABELS, publicStageOf, type CaseState } from '../../domain/case-states.js';
import { wechatNoticeStatus, wechatNoticeText } from '../../domain/reporter-notices.js';
import { myCasesText } from '../../domain/wechat/menu.js';
import { loadSiteSettings } from '../../store/site-settings.js';
import { CUSTOMER_SERVICE_CLOSED, WechatApiError, type WechatApi } from './api.js';
import { withAccessToken } from './token.js';
import { reachUser, recordDelivery, type OutreachChannel } from './outreach.js';

class WechatSendError extends Error {
  override readonly name = 'WechatSendError';
  constructor(
    readonly code: string,
    readonly retryable: boolean,
  ) {
    super(code);
  }
}

export const ACKNOWLEDGEMENT_TEXT = (caseNumber: string, queryCode: string): string =>
  `您反映的事项已受理，受理编号${caseNumber}，查询码${queryCode}。请妥善保管查询码，凭受理编号和查询码可在网站“进度查询”中查看办理进展。`;

async function send(api: WechatApi, appId: string, deps: Parameters<OutboxHandler>[1]['deps'], openId: string, text: string): Promise<void> {
  try {
    await withAccessToken(deps, api, appId, (token) => api.sendText(token, openId, text));
  } catch (err) {
    if (err instanceof WechatApiError && CUSTOMER_SERVICE_CLOSED.has(err.errcode)) throw new WechatSendError(`WINDOW_CLOSED_${String(err.errcode)}`, false);
    throw err;
  }
}

export const REISSUED_CODE_TEXT = (caseNumber: string, queryCode: string): string =>
  `您反映的事项（受理编号${caseNumber}）已补发查询码${queryCode}，原查询码已作废。请妥善保管查询码，凭受理编号和查询码可在网站“进度查询”中查看办理进展。`;

/** The acknowledgement, and a reissued code (补发查询码, `reporter.query_code`) the same way in its own words. */
export function wechatAcknowledgementHandler(ch: OutreachChannel): OutboxHandler {
  return async (message, ctx) => {
    if ((message.payload as { delivery?: unknown }).delivery !== 'wechat') throw new DeliveryDeferred('not a WeChat acknowledgement');
    const { deps } = ctx;
    if (message.caseId === null) throw new WechatSendError('NO_CASE', false);
    const facts = (
      await deps.pool.query<{ case_number: string; query_code_enc: Buffer | null; reporter_id: string | null; openid_enc: Buffer | null }>(
        'SELECT c.case_number, c.query_code_enc, r.id::text AS reporter_id, r.openid_enc FROM cases c LEFT JOIN reporters r ON r.case_id = c.id WHERE c.id = $1',
        [message.caseId],
      )
    ).rows[0];
    // Erased: an earlier attempt was delivered and only its answer was lost.
    if (facts === undefined || facts.query_code_enc === null) return;
    if (facts.reporter_id === null || facts.openid_enc === null) throw new WechatSendError('NO_OPENID', false);
    const openId = deps.cipher.decryptText({ table: 'reporters', column: 'openid_enc', rowId: facts.reporter_id }, facts.openid_enc);
    const queryCode = deps.cipher.decryptText({ table: 'cases', column: 'query_code_enc', rowId: message.caseId }, facts.query_code_enc);
    const reissue = message.kind === 'reporter.query_code';
    const reached = await reachUser(deps, ch, {
      caseId: message.caseId,
      template: reissue ? 'reporter.query_code' : 'reporter.acknowledgement',
      openId,
      text: (reissue ? REISSUED_CODE_TEXT : ACKNOWLEDGEMENT_TEXT)(facts.case_number, queryCode),
      status: reissue ? `已补发查询码${queryCode}` : `已受理，查询码${queryCode}`,
      caseNumber: facts.case_number,
    });
    if (reached === 'no_channel') throw new WechatSendError('NO_CHANNEL', false);
  };
}

const MY_CASES_SHOWN = 10;

export function wechatMyCasesHandler(api: WechatApi, appId: string): OutboxHandler {
  return async (message, ctx) => {
    const { deps } = ctx;
    const messageId = (message.payload as { messageId?: unknown }).messageId;
    if (typeof messageId !== 'string') throw new WechatSendError('NO_MESSAGE', false);
    const row = (await deps.pool.query<{ openid_enc: Buffer | null; openid_bidx: Buffer }>('SELECT openid_enc, openid_bidx FROM wechat_messages WHERE id = $1', [messageId])).rows[0];
    if (row?.openid_enc == null) return;
    const openId = deps.cipher.decryptText({ table: 'wechat_messages', column: 'openid_enc', rowId: messageId }, row.openid_enc);
    const cases = await deps.pool.query<{ case_number: string; type: string; state: CaseState }>(
      `SELECT c.case_number, c.type, c.state FROM reporters r JOIN cases c ON c.id = r.case_id
        WHERE r.openid_bidx = $1 AND c.merged_into_id IS NULL ORDER BY c.received_at DESC LIMIT $2`,
      [row.openid_bidx, MY_CASES_SHOWN],
    );
    const site = (await loadSiteSettings(deps.pool)).settings;
    const lines = cases.rows.map((c) => {
      const stage = publicStageOf(c.state);
      return { caseNumber: c.case_number, accusation: c.type === 'accusation', stage: stage === null ? '已受理' : PUBLIC_STAGE_LABELS[stage].zh };
    });
    await send(api, appId, deps, openId, myCasesText(lines, site.hotline));
    // Answered: the OpenID is no longer needed beside this row.
    await deps.pool.query('UPDATE wechat_messages SET openid_enc = NULL WHERE id = $1', [messageId]);
  };
}

/** A step of the case that concerns the user (issue 8). */
export function wechatNoticeHandler(ch: OutreachChannel): OutboxHandler {
  return async (message, ctx) => {
    const { deps } = ctx;
    if (message.caseId === null) throw new WechatSendError('NO_CASE', false);
    const facts = (
      await deps.pool.query<{ case_number: string; type: string; reporter_id: string | null; openid_enc: Buffer | null }>(
        'SELECT c.case_number, c.type, r.id::text AS reporter_id, r.openid_enc FROM cases c LEFT JOIN reporters r ON r.case_id = c.id WHERE c.id = $1',
        [message.caseId],
      )
    ).rows[0];
    if (facts?.reporter_id == null || facts.openid_enc === null) throw new WechatSendError('NO_OPENID', false);
    const openId = deps.cipher.decryptText({ table: 'reporters', column: 'openid_enc', rowId: facts.reporter_id }, facts.openid_enc);
    const payload = (message.payload as { notice?: unknown }).notice;
    const notice = typeof payload === 'string' ? payload : '';
    const accusation = facts.type === 'accusation';
    const o = { caseId: message.caseId, template: 'reporter.notice', openId, caseNumber: facts.case_number } as const;
    const reached = await reachUser(deps, ch, { ...o, text: wechatNoticeText(facts.case_number, notice, accusation), status: wechatNoticeStatus(notice, accusation) });
    // Nothing could go: the portal shows the step; the case shows that the user was not told.
    if (reached === 'no_channel') await recordDelivery(deps.pool, deps, o, 'skipped', 'no_channel');
  };
}
