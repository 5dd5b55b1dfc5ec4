// The staff console at /console (issue 4): the Vite build from dist/web/console, with a fresh CSP
// nonce in every index.html so Ant Design's runtime styles pass a CSP without 'unsafe-inline'.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { packageRoot } from '../../store/migrate.js';
import type { HttpContext } from '../context.js';
import { z } from 'zod';
import { HttpError } from '../errors.js';
import { pathParams } from '../route-input.js';
import { CSP } from '../plugins/security-headers.js';

/** Written by Vite (`html.cspNonce` in web/console/vite.config.ts) wherever a nonce belongs. */
export const NONCE_PLACEHOLDER = '__ZT_CSP_NONCE__';

const gzipAsync = promisify(gzip);
// Vite names every file in assets/ by its content hash, flat; nothing else is served from there.
const ASSET_NAME = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.(js|css|svg|png|woff2?|json)$/u;
const TYPES: Readonly<Record<string, string>> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  woff: 'font/woff',
  woff2: 'font/woff2',
  json: 'application/json; charset=utf-8',
};
const COMPRESSIBLE = new Set(['js', 'css', 'svg', 'json']);

/** The policy of DESIGN §7.4 with this response's nonce allowed for styles. */
export function consoleCsp(nonce: string): string {
  return CSP.replace("style-src 'self'", `style-src 'self' 'nonce-${nonce}'`);
}

const UNBUILT_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>控制台暂不可用</title></head>
<body><h1>控制台暂不可用</h1><p>服务器上没有找到工作平台的构建文件，请管理员在安装目录运行 <code>npm run build</code> 后重新访问。</p>
<hr><p lang="en">The staff console has not been built on this server. An administrator can run <code>npm run build</code> in the installation folder.</p></body></html>
`;

const assetParams = z.strictObject({ file: z.string().max(200) });
const deepLinkParams = z.strictObject({ '*': z.string().max(2000) });

interface Asset {
  readonly body: Buffer;
  readonly gzipped: Buffer | null;
}

export function registerConsoleRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const dir = ctx.config.consoleDir ?? path.join(packageRoot(), 'dist', 'web', 'console');
  // The build does not change under a running server; a missing build is looked for again next time.
  let indexHtml: string | null = null;
  const assets = new Map<string, Asset>();

  async function sendIndex(_request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    indexHtml ??= await readFile(path.join(dir, 'index.html'), 'utf8').catch(() => null);
    reply.header('cache-control', 'no-store');
    if (indexHtml === null) return reply.status(503).type('text/html; charset=utf-8').header('retry-after', '60').send(UNBUILT_PAGE);
    const nonce = randomBytes(18).toString('base64');
    return reply.header('content-security-policy', consoleCsp(nonce)).type('text/html; charset=utf-8').send(indexHtml.replaceAll(NONCE_PLACEHOLDER, nonce));
  }

  async function loadAsset(name: string, ext: string): Promise<Asset | null> {
    const known = assets.get(name);
    if (known) return known;
    const body = await readFile(path.join(dir, 'assets', name)).catch(() => null);
    if (body === null) return null;
    const asset = { body, gzipped: COMPRESSIBLE.has(ext) ? await gzipAsync(body) : null };
    assets.set(name, asset);
    return asset;
  }

  app.get('/console', { config: { policy: 'public', input: {} } }, sendIndex);
  app.get('/console/assets/:file', { config: { policy: 'public', input: { params: assetParams } } }, async (request, reply) => {
    const name = pathParams(request, assetParams).file;
    const ext = ASSET_NAME.exec(name)?.[1];
    const asset = ext === undefined ? null : await loadAsset(name, ext);
    if (ext === undefined || asset === null) throw new HttpError('not_found');
    reply.header('cache-control', 'public, max-age=31536000, immutable').header('vary', 'accept-encoding').type(TYPES[ext] ?? 'application/octet-stream');
    const acceptsGzip = /\bgzip\b/u.test(request.headers['accept-encoding'] ?? '');
    if (asset.gzipped !== null && acceptsGzip) return reply.header('content-encoding', 'gzip').send(asset.gzipped);
    return reply.send(asset.body);
  });
  // Deep links (/console/cases/SL2026-000001) are the app's own routes; a stray asset path is not.
  app.get('/console/*', { config: { policy: 'public', input: { params: deepLinkParams } } }, async (request, reply) => {
    const rest = pathParams(request, deepLinkParams)['*'];
    if (rest.startsWith('assets/')) throw new HttpError('not_found');
    return sendIndex(request, reply);
  });
}
