// `npm run bench:wechat` (a vitest run, for the test database): what each refused WeChat push costs the server (issue 8: well under 50 ms), through
// the real route in-process (Fastify inject) on a test database, with @wecom/crypto playing WeChat. Each kind
// is sent RUNS times in a row; the median and the 99th percentile go to bench/results/wechat-refusals.json.
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { it } from 'vitest';
import { createTestApp } from '../test/helpers/test-app.js';
import { securePush, sha1Sorted, textXml, type SignedPush, type WechatAccount } from '../test/helpers/wechat-server.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const OLD_KEY = 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR';
const ACCOUNT: WechatAccount = { appId: 'wx2c2769f8efd9abc2', token: 'spamtest', aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', ghId: 'gh_0123456789ab' };

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

it('measures each refusal', async () => {
  const t = await createTestApp({
    ZHITONG_WECHAT_APPID: ACCOUNT.appId,
    ZHITONG_WECHAT_TOKEN: ACCOUNT.token,
    ZHITONG_WECHAT_AES_KEY: ACCOUNT.aesKey,
    // The fake clock starts 2026-03-02T02:00Z: the previous key's 72 hours are over.
    ZHITONG_WECHAT_AES_KEY_PREVIOUS: OLD_KEY,
    ZHITONG_WECHAT_AES_KEY_ROTATED_AT: '2026-02-20T00:00:00Z',
  });
  const now = (): number => Math.floor(t.clock.now().getTime() / 1000);
  let nonce = 0;
  let msg = 9_000_000_000_000_000;
  const next = (): string => String(++nonce);
  const text = (content = '性能测试'): string => textXml(ACCOUNT, 'oZt_bench_user', now(), content, String(++msg));

  const accepted = securePush(ACCOUNT, text(), now(), next());
  await t.app.inject({ method: 'POST', url: accepted.url, headers: { 'content-type': 'text/xml' }, payload: accepted.body });

  const kinds: Record<string, () => SignedPush> = {
    'bad URL signature': () => {
      const p = securePush(ACCOUNT, text(), now(), next());
      return { ...p, url: p.url.replace(/signature=[0-9a-f]{40}/u, `signature=${'0'.repeat(40)}`) };
    },
    'bad msg_signature': () => {
      const p = securePush(ACCOUNT, text(), now(), next());
      return { ...p, url: p.url.replace(/msg_signature=[0-9a-f]{40}/u, `msg_signature=${'0'.repeat(40)}`) };
    },
    'stale timestamp': () => securePush(ACCOUNT, text(), now() - 3600, next()),
    'replayed push': () => accepted,
    'another AppID': () => securePush(ACCOUNT, text(), now(), next(), { appId: 'wxffffffffffffffff' }),
    'expired previous key': () => securePush(ACCOUNT, text(), now(), next(), { key: OLD_KEY }),
    'DTD in the body': () => {
      const p = securePush(ACCOUNT, text(), now(), next());
      return { ...p, body: `<!DOCTYPE x [<!ENTITY a "b">]>${p.body}` };
    },
    '__proto__ tags': () => securePush(ACCOUNT, text().replace('</xml>', '<__proto__><a>1</a></__proto__></xml>'), now(), next()),
    'plaintext in secure mode': () => ({ url: `/hooks/wechat?signature=${sha1Sorted(ACCOUNT.token, String(now()), '1')}&timestamp=${String(now())}&nonce=1`, body: text() }),
    '65 KB body': () => securePush(ACCOUNT, text('长'.repeat(22_000)), now(), next()),
  };

  const results: Record<string, { status: number; medianMs: number; p99Ms: number }> = {};
  for (const [name, make] of Object.entries(kinds)) {
    const times: number[] = [];
    let status = 0;
    for (let i = 0; i < RUNS; i++) {
      const push = make();
      const start = performance.now();
      const res = await t.app.inject({ method: 'POST', url: push.url, headers: { 'content-type': 'text/xml' }, payload: push.body });
      times.push(performance.now() - start);
      status = res.statusCode;
    }
    times.sort((a, b) => a - b);
    results[name] = { status, medianMs: Number(percentile(times, 50).toFixed(3)), p99Ms: Number(percentile(times, 99).toFixed(3)) };
    console.log(`${name.padEnd(26)} ${String(status)}  median ${results[name].medianMs.toFixed(2)} ms  p99 ${results[name].p99Ms.toFixed(2)} ms`);
  }
  await t.close();

  const out = { measuredAt: new Date().toISOString(), node: process.version, cpus: os.cpus().length, runsPerKind: RUNS, budgetMs: 50, results };
  await writeFile(path.resolve(import.meta.dirname, 'results', 'wechat-refusals.json'), `${JSON.stringify(out, null, 2)}\n`);
});
