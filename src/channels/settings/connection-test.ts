// 测试连接 (issues 7 and 8): the settings are tried against the servers they name — IMAP connect and
// login, SMTP connect and authentication (nodemailer's verify), WeChat an access token from the configured
// API base. Answers are reasons in words from the error's code, never its message or a stack trace.
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import type { MailConfig } from '../../config-mail.js';
import type { WechatConfig } from '../../config-wechat.js';
import type { Bilingual } from '../../domain/i18n-text.js';
import { smtpConnection } from '../email/smtp.js';
import { WechatApi, WechatApiError } from '../wechat/api.js';

export interface TestOutcome {
  readonly ok: boolean;
  readonly reason: Bilingual | null;
}

const TIMEOUT_MS = 10_000;
const NOT_SET: TestOutcome = { ok: false, reason: { zh: '未配置该服务器。', en: 'No server is set.' } };

/** A failure in words: the error's code and flags only, never its message or stack. */
export function reasonOf(err: unknown): Bilingual {
  const e = (typeof err === 'object' && err !== null ? err : {}) as { code?: unknown; authenticationFailed?: unknown; responseCode?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const text = typeof e.message === 'string' ? e.message : '';
  if (e.authenticationFailed === true || code === 'EAUTH') return { zh: '服务器拒绝了用户名或密码。', en: 'The server refused the user name or password.' };
  if (code === 'ECONNREFUSED') return { zh: '服务器拒绝连接（端口未开放）。', en: 'The server refused the connection (nothing listens on that port).' };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EDNS') return { zh: '无法解析服务器主机名。', en: 'The server’s host name could not be resolved.' };
  if (code === 'ETIMEDOUT' || code === 'ETIMEOUT' || code === 'CONNECT_TIMEOUT' || code === 'GREETING_TIMEOUT' || e instanceof DOMException) return { zh: '连接超时。', en: 'The connection timed out.' };
  if (code.startsWith('ERR_TLS') || code.includes('CERT') || /certificate|TLS|SSL/iu.test(text)) return { zh: 'TLS 加密连接或证书校验失败。', en: 'The TLS handshake or the certificate check failed.' };
  if (code === 'ECONNRESET' || code === 'ESOCKET' || code === 'EPIPE') return { zh: '连接被服务器中断。', en: 'The server closed the connection.' };
  return { zh: '连接失败。', en: 'The connection failed.' };
}

async function tryImap(m: MailConfig): Promise<TestOutcome> {
  const imap = m.imap;
  if (imap === null) return NOT_SET;
  const client = new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: imap.implicitTls,
    doSTARTTLS: imap.implicitTls ? undefined : imap.requireTls,
    auth: { user: imap.user, pass: imap.password },
    tls: { rejectUnauthorized: true, ...(m.ca === null ? {} : { ca: m.ca }) },
    clientInfo: { name: 'Zhitong', vendor: 'Zhitong' },
    logger: false,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.logout();
    return { ok: true, reason: null };
  } catch (err) {
    client.close();
    return { ok: false, reason: reasonOf(err) };
  }
}

async function trySmtp(m: MailConfig): Promise<TestOutcome> {
  const smtp = m.smtp;
  if (smtp === null) return NOT_SET;
  const transport = nodemailer.createTransport({
    ...smtpConnection(smtp, m.ca),
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  try {
    await transport.verify();
    return { ok: true, reason: null };
  } catch (err) {
    return { ok: false, reason: reasonOf(err) };
  } finally {
    transport.close();
  }
}

function wechatReason(err: unknown): Bilingual {
  if (!(err instanceof WechatApiError)) return reasonOf(err);
  if (err.errcode === 40001 || err.errcode === 40125) return { zh: 'AppSecret 错误（微信返回错误码 40001/40125）。', en: 'The AppSecret is wrong (WeChat error 40001/40125).' };
  if (err.errcode === 40013) return { zh: 'AppID 无效（微信返回错误码 40013）。', en: 'The AppID is not valid (WeChat error 40013).' };
  if (err.errcode === 40164 || err.errcode === 61004) return { zh: '本服务器的出口 IP 不在公众号的 IP 白名单中。', en: 'This server’s outgoing IP address is not on the account’s IP whitelist.' };
  return { zh: `微信接口返回错误码 ${String(err.errcode)}。`, en: `WeChat answered with error ${String(err.errcode)}.` };
}

/** An access token from the configured API base: the AppID and AppSecret work from this server. */
export async function tryWechat(w: WechatConfig | null, now: Date): Promise<TestOutcome> {
  if (w === null) return { ok: false, reason: { zh: '未配置公众号。', en: 'No account is set.' } };
  if (w.appSecret === null) return { ok: false, reason: { zh: '未设置 AppSecret，无法调用微信接口。', en: 'No AppSecret is set, so WeChat’s API cannot be called.' } };
  try {
    await new WechatApi(w.apiBase, w.appId, w.appSecret).fetchAccessToken(now);
    return { ok: true, reason: null };
  } catch (err) {
    return { ok: false, reason: wechatReason(err) };
  }
}

export async function tryMail(m: MailConfig): Promise<{ imap: TestOutcome; smtp: TestOutcome }> {
  const [imap, smtp] = await Promise.all([tryImap(m), trySmtp(m)]);
  return { imap, smtp };
}
