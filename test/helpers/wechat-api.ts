// A local stand-in for api.weixin.qq.com: stable tokens (the n-th is "token-n"), temporary media by id,
// customer-service texts, subscription messages and menus recorded as sent. A media id it does not know
// answers errcode 40007, as WeChat does for expired media; an endless media id streams without a length
// until the client gives up, counting what it wrote.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeWechatApi {
  readonly base: string;
  readonly media: Map<string, { bytes: Buffer; contentType: string }>;
  readonly texts: { token: string; touser: string; content: string }[];
  readonly menus: unknown[];
  /** /cgi-bin/message/subscribe/bizsend calls that WeChat accepted */
  readonly subscriptions: { token: string; touser: string; template_id: string; data: Record<string, { value: string }> }[];
  /** Media ids served as an endless chunked body (no Content-Length), up to 256 MB. */
  readonly endless: Set<string>;
  /** Bytes written of endless bodies before the client closed the connection. */
  endlessBytesSent(): number;
  tokensIssued(): number;
  /** The next call with this token is answered 40001 (as after another node fetched a non-stable token). */
  revoke(token: string): void;
  /** Customer-service texts to this user are refused with 45015, as 48 hours after their last message. */
  closeWindowFor(openid: string): void;
  close(): Promise<void>;
}

async function bodyOf(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
}

export async function startFakeWechatApi(appId: string, secret: string): Promise<FakeWechatApi> {
  let issued = 0;
  const revoked = new Set<string>();
  const closed = new Set<string>();
  const media = new Map<string, { bytes: Buffer; contentType: string }>();
  const texts: FakeWechatApi['texts'] = [];
  const menus: unknown[] = [];
  const subscriptions: FakeWechatApi['subscriptions'] = [];
  const endless = new Set<string>();
  let endlessSent = 0;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const json = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json; encoding=utf-8' }).end(JSON.stringify(body));
      if (url.pathname === '/cgi-bin/stable_token') {
        const b = (await bodyOf(req)) as { appid?: string; secret?: string };
        if (b.appid !== appId || b.secret !== secret) return json({ errcode: 40125, errmsg: 'invalid appsecret' });
        issued++;
        return json({ access_token: `token-${String(issued)}-${'x'.repeat(20)}`, expires_in: 7200 });
      }
      const token = url.searchParams.get('access_token') ?? '';
      if (!token.startsWith('token-') || revoked.has(token)) return json({ errcode: 40001, errmsg: 'invalid credential' });
      if (url.pathname === '/cgi-bin/media/get' && endless.has(url.searchParams.get('media_id') ?? '')) {
        res.writeHead(200, { 'content-type': 'image/jpeg', 'content-disposition': 'attachment; filename="huge.jpg"' });
        const chunk = Buffer.alloc(64 * 1024, 0xff);
        const state = { closed: false };
        res.on('close', () => (state.closed = true));
        while (!state.closed && endlessSent < 256 * 1024 * 1024) {
          endlessSent += chunk.length;
          if (!res.write(chunk)) await new Promise((resolve) => { res.once('drain', resolve); res.once('close', resolve); });
        }
        return res.end();
      }
      if (url.pathname === '/cgi-bin/media/get') {
        const m = media.get(url.searchParams.get('media_id') ?? '');
        if (m === undefined) return json({ errcode: 40007, errmsg: 'invalid media_id' });
        return res.writeHead(200, { 'content-type': m.contentType, 'content-disposition': 'attachment; filename="voice.amr"', 'content-length': String(m.bytes.length) }).end(m.bytes);
      }
      if (url.pathname === '/cgi-bin/message/custom/send') {
        const b = (await bodyOf(req)) as { touser: string; text: { content: string } };
        if (closed.has(b.touser)) return json({ errcode: 45015, errmsg: 'response out of time limit or subscription is canceled' });
        texts.push({ token, touser: b.touser, content: b.text.content });
        return json({ errcode: 0, errmsg: 'ok' });
      }
      if (url.pathname === '/cgi-bin/message/subscribe/bizsend') {
        const b = (await bodyOf(req)) as { touser: string; template_id: string; data: Record<string, { value: string }> };
        subscriptions.push({ token, touser: b.touser, template_id: b.template_id, data: b.data });
        return json({ errcode: 0, errmsg: 'ok' });
      }
      if (url.pathname === '/cgi-bin/menu/create') {
        menus.push(await bodyOf(req));
        return json({ errcode: 0, errmsg: 'ok' });
      }
      res.writeHead(404).end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${String(port)}`,
    media,
    texts,
    menus,
    subscriptions,
    endless,
    endlessBytesSent: () => endlessSent,
    tokensIssued: () => issued,
    revoke: (t) => revoked.add(t),
    closeWindowFor: (o) => closed.add(o),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A minimal AMR-NB file: the magic and a few silent frames, enough for type sniffing. */
export function amrBytes(): Buffer {
  return Buffer.concat([Buffer.from('#!AMR\n', 'latin1'), Buffer.alloc(13 * 20, 0x3c)]);
}
