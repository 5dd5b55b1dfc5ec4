// 邮件渠道 / 微信公众号 (sysadmin, issues 7 and 8): the channel settings, secrets write-only (shown only as
// set or not), refused with 409 when the environment configures the channel; and 测试连接 against the
// servers the settings in force name.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { mailSettingsInput } from '../../../store/mail-settings.js';
import { wechatSettingsInput } from '../../../store/wechat-settings.js';
import { setMailSettings, setWechatSettings } from '../../../commands/admin/channel-settings.js';
import { tryMail, tryWechat, type TestOutcome } from '../../../channels/settings/connection-test.js';
import { mailUnderTest, recordChannelTest, wechatUnderTest } from '../../../commands/admin/channel-test.js';
import { mailSettingsView, wechatSettingsView } from '../../../queries/admin/channel-settings.js';
import type { HttpContext } from '../../context.js';
import { roleGuard } from '../../plugins/staff-session.js';
import { parseRequest } from '../../route-input.js';
import { actingUser, bilingual, bool, nullable, nullableStr, obj, okResponse, str } from '../common.js';

const secret = obj({ set: bool });
const head = { source: { type: 'string', enum: ['environment', 'console', 'none'] }, editable: bool, updatedAt: nullableStr } as const;
const mailView = obj({
  ...head,
  settings: obj({ imapUrl: nullableStr, smtpUrl: nullableStr, from: nullableStr, authservId: nullableStr, processedFolder: str }),
  secrets: obj({ imapPassword: secret, smtpPassword: secret }),
});
const wechatView = obj({
  ...head,
  settings: obj({ appId: nullableStr }),
  apiBase: str,
  mode: str,
  secrets: obj({ appSecret: secret, token: secret, aesKey: secret }),
  previousKeyUntil: nullableStr,
});
const outcome = obj({ ok: bool, reason: nullable(bilingual) });

const word = (o: TestOutcome, configured: boolean): string => (!configured ? 'unset' : o.ok ? 'ok' : 'failed');

/** Empty: test the settings in force. With settings: those, each server with its password. */
const mailTestBody = z.strictObject({ settings: mailSettingsInput.optional() });
const wechatTestBody = z.strictObject({});

export function registerAdminChannelRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps, config } = ctx;
  const policy = 'admin' as const;
  const preHandler = roleGuard(ctx, 'sysadmin');
  const put = { policy, problems: ['conflict'] as const };

  app.get('/api/v1/admin/channels/mail', { config: { policy }, preHandler, schema: { response: { 200: mailView } } }, async () => mailSettingsView(deps, config));

  app.put('/api/v1/admin/channels/mail', { config: { ...put, input: { body: mailSettingsInput } }, preHandler, schema: { response: { 200: okResponse } } }, async (request) => {
    await setMailSettings(deps, config, actingUser(request), parseRequest(request, 'body', mailSettingsInput));
    return { ok: true };
  });

  app.post('/api/v1/admin/channels/mail/test', { config: { policy, input: { body: mailTestBody } }, preHandler, schema: { response: { 200: obj({ imap: outcome, smtp: outcome }) } } }, async (request) => {
    const actor = actingUser(request);
    const given = parseRequest(request, 'body', mailTestBody).settings;
    const mail = await mailUnderTest(deps, config, actor, given);
    const result = await tryMail(mail);
    await recordChannelTest(deps, actor, 'mail', { settings: given === undefined ? 'saved' : 'request', imap: word(result.imap, mail.imap !== null), smtp: word(result.smtp, mail.smtp !== null) });
    return result;
  });

  app.get('/api/v1/admin/channels/wechat', { config: { policy }, preHandler, schema: { response: { 200: wechatView } } }, async () => wechatSettingsView(deps, config));

  app.put('/api/v1/admin/channels/wechat', { config: { ...put, input: { body: wechatSettingsInput } }, preHandler, schema: { response: { 200: okResponse } } }, async (request) => {
    await setWechatSettings(deps, config, actingUser(request), parseRequest(request, 'body', wechatSettingsInput));
    return { ok: true };
  });

  app.post('/api/v1/admin/channels/wechat/test', { config: { policy, input: { body: wechatTestBody } }, preHandler, schema: { response: { 200: outcome } } }, async (request) => {
    parseRequest(request, 'body', wechatTestBody);
    const actor = actingUser(request);
    const w = await wechatUnderTest(deps, config, actor);
    const result = await tryWechat(w, deps.clock.now());
    await recordChannelTest(deps, actor, 'wechat', { result: word(result, w !== null) });
    return result;
  });
}
