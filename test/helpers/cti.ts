// A fake PBX for the CTI tests (issue 6): a node:http server on loopback that serves recordings and
// receives click-to-dial requests (checking their Standard Webhooks signature with the library itself),
// and a sender of signed events that uses the standardwebhooks package, not our verification code.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import { Webhook } from 'standardwebhooks';
import type { TestApp } from './test-app.js';

export const CTI_SECRET = `whsec_${randomBytes(32).toString('base64')}`;

/** A valid PCM WAV of `samples` bytes of 8 kHz mono 8-bit audio, different for each seed. */
export function wav(seed: number, samples = 4000): Buffer {
  const data = Buffer.alloc(samples);
  for (let i = 0; i < samples; i++) data[i] = (128 + Math.round(100 * Math.sin((i * (seed + 1)) / 7))) & 0xff;
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + samples, 4);
  h.write('WAVEfmt ', 8, 'ascii');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(8000, 24);
  h.writeUInt32LE(8000, 28);
  h.writeUInt16LE(1, 32);
  h.writeUInt16LE(8, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(samples, 40);
  return Buffer.concat([h, data]);
}

export interface DialRequest {
  readonly verified: boolean;
  readonly body: { requestId: string; from: string; to: string; reference: string };
}

export class FakePbx {
  readonly recordings = new Map<string, { bytes: Buffer; type: string }>();
  /** Every request path the PBX was asked for, in order. */
  readonly requests: string[] = [];
  readonly dials: DialRequest[] = [];
  dialStatus = 200;
  private constructor(private readonly server: Server) {}

  static async start(secret: string): Promise<FakePbx> {
    const pbx: FakePbx = new FakePbx(createServer((req, res) => void pbx.handle(secret, req).then(([status, type, body]) => res.writeHead(status, { 'content-type': type }).end(body))));
    await new Promise<void>((resolve) => pbx.server.listen(0, '127.0.0.1', resolve));
    return pbx;
  }

  get origin(): string {
    return `http://127.0.0.1:${String((this.server.address() as AddressInfo).port)}`;
  }

  private async handle(secret: string, req: IncomingMessage): Promise<[number, string, Buffer | string]> {
    this.requests.push(`${req.method ?? ''} ${req.url ?? ''}`);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    if (req.method === 'POST' && req.url === '/zhitong/dial') {
      let verified = true;
      try {
        new Webhook(secret).verify(body, req.headers as Record<string, string>);
      } catch {
        verified = false;
      }
      this.dials.push({ verified, body: JSON.parse(body) as DialRequest['body'] });
      return [this.dialStatus, 'application/json', '{}'];
    }
    const rec = this.recordings.get(req.url ?? '');
    return rec ? [200, rec.type, rec.bytes] : [404, 'text/plain', 'no such recording'];
  }

  /** Serves the audio at `path`; the reference an event carries for it. */
  serve(path: string, bytes: Buffer, type = 'audio/wav'): { url: string; contentType: string; sha256: string; bytes: number } {
    this.recordings.set(path, { bytes, type });
    return { url: `${this.origin}${path}`, contentType: type, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export interface SendEventOptions {
  readonly id?: string;
  /** the signing time; the library's verifier allows 5 minutes either way of the real clock */
  readonly at?: Date;
  readonly secret?: string;
}

/** Posts one event signed as a PBX would; returns the response and the webhook id used. */
export async function sendEvent(t: TestApp, type: string, data: object, o: SendEventOptions = {}): Promise<LightMyRequestResponse & { webhookId: string }> {
  const id = o.id ?? `msg_${randomUUID()}`;
  const at = o.at ?? new Date();
  const body = JSON.stringify({ type, timestamp: at.toISOString(), data });
  const signature = new Webhook(o.secret ?? CTI_SECRET).sign(id, at, body);
  const res = await t.app.inject({
    method: 'POST',
    url: '/hooks/cti',
    headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signature },
    payload: body,
  });
  return Object.assign(res, { webhookId: id });
}

export async function count(t: TestApp, sql: string, values: unknown[] = []): Promise<number> {
  return (await t.deps.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) q`, values)).rows[0]?.n ?? 0;
}

export function ctiEnv(pbx: FakePbx): Record<string, string> {
  return { ZHITONG_CTI_SECRET: CTI_SECRET, ZHITONG_CTI_PBX_URL: pbx.origin, ZHITONG_REQUIRE_2FA: 'off' };
}
