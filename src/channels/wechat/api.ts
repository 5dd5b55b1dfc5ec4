// The few WeChat server APIs Zhitong calls (channels.md §1.4–§1.6): the stable access token, temporary
// media, customer-service text and the menu. The base URL is configuration, the official host in
// production; every answer is checked for WeChat's errcode.
import { z } from 'zod';

export class WechatApiError extends Error {
  override readonly name = 'WechatApiError';
  constructor(
    readonly errcode: number,
    message: string,
  ) {
    super(message);
  }

  /** The token was refused: fetch a new one and try again once. */
  get tokenRejected(): boolean {
    return this.errcode === 40001 || this.errcode === 40014 || this.errcode === 42001;
  }
}

/** 45015: the user's 48-hour window is closed; 45047: its message quota is spent; 43004: unfollowed. */
export const CUSTOMER_SERVICE_CLOSED = new Set([45015, 45047, 43004]);

/** 43101: the user has not subscribed (or the one message it allowed is spent). */
export const SUBSCRIPTION_REFUSED = 43101;

const errorBody = z.object({ errcode: z.number().int(), errmsg: z.string().max(500).optional() });
const tokenBody = z.object({ access_token: z.string().min(16).max(1024), expires_in: z.number().int().positive() });

export interface AccessToken {
  readonly token: string;
  readonly expiresAt: Date;
}

export interface WechatMedia {
  readonly bytes: Buffer;
  readonly contentType: string;
  readonly fileName: string | null;
}

/** Above WeChat's own limits (10 MB video, 2 MB voice) and below the attachment limit. */
export const MEDIA_MAX_BYTES = 20 * 1024 * 1024;
/** A JSON answer (a token, an error) is small; anything longer is not WeChat's. */
const JSON_MAX_BYTES = 64 * 1024;
const TIMEOUT_MS = 10_000;

/** errcode of a body over the cap: the download was aborted, nothing of it kept. */
export const MEDIA_TOO_LARGE = -2;

/**
 * The body read as a stream and given up as soon as it passes `max` bytes: a lying or missing
 * Content-Length costs at most `max` bytes of memory, never the whole answer.
 */
async function readCapped(res: Response, max: number): Promise<Buffer> {
  const announced = Number(res.headers.get('content-length') ?? '0');
  if (announced > max) {
    await res.body?.cancel().catch(() => undefined);
    throw new WechatApiError(MEDIA_TOO_LARGE, 'answer over the size limit');
  }
  if (res.body === null) return Buffer.alloc(0);
  const reader: ReadableStreamDefaultReader<Uint8Array> = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw new WechatApiError(MEDIA_TOO_LARGE, 'answer over the size limit');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

export class WechatApi {
  constructor(
    private readonly base: URL,
    private readonly appId: string,
    private readonly appSecret: string,
    private readonly mediaMaxBytes: number = MEDIA_MAX_BYTES,
  ) {}

  private url(path: string, query: Record<string, string> = {}): string {
    const u = new URL(path, this.base);
    for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
    return u.href;
  }

  private async json(res: Response): Promise<unknown> {
    let body: unknown = null;
    try {
      body = JSON.parse((await readCapped(res, JSON_MAX_BYTES)).toString('utf8'));
    } catch (err) {
      if (err instanceof WechatApiError) throw err;
    }
    const err = errorBody.safeParse(body);
    if (err.success && err.data.errcode !== 0) throw new WechatApiError(err.data.errcode, err.data.errmsg ?? 'error');
    if (!res.ok) throw new WechatApiError(-1, `HTTP ${String(res.status)}`);
    return body;
  }

  /** The stable token: asking again does not void the one other nodes hold. */
  async fetchAccessToken(now: Date): Promise<AccessToken> {
    const res = await fetch(this.url('/cgi-bin/stable_token'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid: this.appId, secret: this.appSecret }),
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const body = tokenBody.parse(await this.json(res));
    return { token: body.access_token, expiresAt: new Date(now.getTime() + body.expires_in * 1000) };
  }

  async getMedia(token: string, mediaId: string): Promise<WechatMedia> {
    const res = await fetch(this.url('/cgi-bin/media/get', { access_token: token, media_id: mediaId }), { redirect: 'error', signal: AbortSignal.timeout(30_000) });
    const type = res.headers.get('content-type') ?? 'application/octet-stream';
    // Errors come back as JSON; media as the file itself.
    if (type.startsWith('application/json') || type.startsWith('text/plain')) {
      await this.json(res);
      throw new WechatApiError(-1, 'no media in the answer');
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      throw new WechatApiError(-1, `HTTP ${String(res.status)}`);
    }
    const bytes = await readCapped(res, this.mediaMaxBytes);
    const name = /filename="?([^";]{1,200})"?/u.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? null;
    return { bytes, contentType: type.split(';')[0]?.trim() ?? type, fileName: name };
  }

  async sendText(token: string, openId: string, text: string): Promise<void> {
    const res = await fetch(this.url('/cgi-bin/message/custom/send', { access_token: token }), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ touser: openId, msgtype: 'text', text: { content: text } }),
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await this.json(res);
  }

  /** A subscription notification (订阅通知, channels.md §1.6); `data` maps the template's keywords to values. */
  async sendSubscription(token: string, openId: string, templateId: string, data: Readonly<Record<string, string>>): Promise<void> {
    const res = await fetch(this.url('/cgi-bin/message/subscribe/bizsend', { access_token: token }), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ touser: openId, template_id: templateId, data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, { value: v }])) }),
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await this.json(res);
  }

  async createMenu(token: string, menu: unknown): Promise<void> {
    const res = await fetch(this.url('/cgi-bin/menu/create', { access_token: token }), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(menu),
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await this.json(res);
  }
}
