// The channel senders a node runs beside its jobs (issues 6–8): each registers the outbox kinds it delivers
// and lives as long as the job runner. One handler per kind can be registered, so the acknowledgement goes
// through a dispatcher by its delivery (SMS, e-mail, WeChat); a channel without a sender here leaves its rows.
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { JobRunner } from '../jobs/runner.js';
import { errorTag } from '../jobs/errors.js';
import type { Deps } from '../commands/deps.js';
import { STAFF_ALERT_KIND } from '../commands/notify.js';
import type { EmailChannelOptions } from './email/channel.js';
import { createLiveEmailChannel } from './email/live-channel.js';
import { LiveChannelSettings } from './settings/live.js';
import { smsAcknowledgementHandler } from './sms/acknowledgement.js';
import { FOLLOWUP_QUESTION_KIND, smsFollowupQuestionHandler } from './sms/followup-question.js';
import { liveWechatHandlers } from './wechat/live-handlers.js';
import { byDelivery } from './by-delivery.js';
import { byAcknowledgement } from './acknowledged-by.js';
import { smsNoticeHandler } from './sms/notice.js';
import { handleSmsEvent } from './sms/inbound.js';
import { smsStaffAlertHandler } from './sms/staff-alert.js';
import { LiveSmsTemplates, TEMPLATE_RELOAD_MS } from './sms/live-templates.js';
import { createSmsProvider } from './sms/provider.js';
import type { SmsProvider } from './sms/types.js';

export interface ChannelSenders {
  start(): Promise<void>;
  close(): Promise<void>;
}

/** `given`: a provider a test built itself (or null for none); by default the configured one, with the sysadmin's texts. */
export function registerChannelSenders(config: Config, deps: Deps, runner: JobRunner, logger: Logger, given?: SmsProvider | null, mail: EmailChannelOptions = {}): ChannelSenders {
  const templates = given === undefined ? new LiveSmsTemplates(config.sms.signature) : null;
  const sms = given === undefined ? createSmsProvider(config.sms, templates ?? undefined) : given;
  let reloading: NodeJS.Timeout | null = null;
  const reload = async (): Promise<void> => {
    if (templates === null) return;
    const ok = await templates.reload(deps.pool).catch(() => false);
    if (!ok) logger.error('SMS template texts could not be loaded; the previous texts stay in use');
  };
  const acknowledgements: Parameters<typeof byDelivery>[0] = {};
  const notices: Parameters<typeof byAcknowledgement>[0] = {};
  // E-mail and WeChat follow the sysadmin's channel settings (or the environment's) without a restart.
  const live = new LiveChannelSettings(config, deps, logger);
  // The account's secret reaches WeChat's API; without it pushes still arrive, and these rows wait.
  const wechat = liveWechatHandlers(live);
  runner.registerOutboxHandler('wechat.media', wechat.media);
  runner.registerOutboxHandler('wechat.my_cases', wechat.myCases);
  acknowledgements.wechat = wechat.acknowledgement;
  notices.wechat = wechat.notice;
  if (sms !== null) {
    acknowledgements.sms = smsAcknowledgementHandler(sms, { dailyCap: config.sms.dailyCap });
    notices.sms = smsNoticeHandler(sms, { dailyCap: config.sms.dailyCap });
    runner.registerOutboxHandler(FOLLOWUP_QUESTION_KIND, smsFollowupQuestionHandler(sms, { dailyCap: config.sms.dailyCap }));
    runner.registerOutboxHandler(STAFF_ALERT_KIND, smsStaffAlertHandler(sms, { dailyCap: config.sms.dailyCap }));
    // Session providers (SMPP) push reports and replies; a rejection makes the SMSC send it again.
    sms.subscribe((event) => handleSmsEvent(deps, sms.name, event));
  }
  const email = createLiveEmailChannel(config, deps, logger, mail, live);
  acknowledgements.email = email.acknowledgement;
  notices.email = email.notice;
  // A notice follows the acknowledgement's channel; a case acknowledged on screen has its notices on the portal.
  runner.registerOutboxHandler('reporter.notice', byAcknowledgement(notices));
  runner.registerOutboxHandler('reporter.acknowledgement', byDelivery(acknowledgements));
  // A reissued query code (补发查询码) goes by the same senders, which word it as a reissue.
  runner.registerOutboxHandler('reporter.query_code', byDelivery(acknowledgements));
  return {
    async start() {
      if (sms !== null && templates !== null) {
        await reload();
        reloading = setInterval(() => void reload(), TEMPLATE_RELOAD_MS);
        reloading.unref();
      }
      // An SMSC that is down at start-up must not keep the bureau's server down: sends fail and are retried.
      await sms?.start().catch((err: unknown) => logger.error({ provider: sms.name, err: { type: errorTag(err) } }, 'SMS provider did not start; sends will be retried'));
      await live.start().catch((err: unknown) => logger.error({ err: { type: errorTag(err) } }, 'channel settings could not be loaded; the environment’s apply'));
      // The mailbox reader connects in the background and reconnects with backoff on its own.
      email.start();
    },
    async close() {
      if (reloading !== null) clearInterval(reloading);
      await sms?.close().catch(() => undefined);
      await live.stop();
      await email.close().catch(() => undefined);
    },
  };
}
