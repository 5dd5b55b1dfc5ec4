// The staff console at /console (issue 4): the Vite build from dist/web/console, with a fresh CSP
// nonce in every index.html so Ant Design's runtime styles pass a CSP without 'unsafe-inline'.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { packageRoot } from '../../store/migrate.js';
import type { HttpContext } from '../context.js';
import { z } from 'zod';
import { HttpError } from '../errors.js';
import { pathParams } from '../route-input.js';
import { CSP } from '../plugins/security-headers.js';
import { webBuild } from './web-build.js';

/** Written by Vite (`html.cspNonce` in web/console/vite.config.ts) wherever a nonce belongs. */
export const NONCE_PLACEHOLDER = '__ZT_CSP_NONCE__';

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

export function registerConsoleRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const build = webBuild(ctx.config.consoleDir ?? path.join(packageRoot(), 'dist', 'web', 'console'));

  async function sendIndex(_request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const indexHtml = await build.index();
    reply.header('cache-control', 'no-store');
    if (indexHtml === null) return reply.status(503).type('text/html; charset=utf-8').header('retry-after', '60').send(UNBUILT_PAGE);
    const nonce = randomBytes(18).toString('base64');
    return reply.header('content-security-policy', consoleCsp(nonce)).type('text/html; charset=utf-8').send(indexHtml.replaceAll(NONCE_PLACEHOLDER, nonce));
  }

  app.get('/console', { config: { policy: 'public', input: {} } }, sendIndex);
  app.get('/console/assets/:file', { config: { policy: 'public', input: { params: assetParams } } }, async (request, reply) => build.sendAsset(request, reply, pathParams(request, assetParams).file));
  // Deep links (/console/cases/SL2026-000001) are the app's own routes; a stray asset path is not.
  app.get('/console/*', { config: { policy: 'public', input: { params: deepLinkParams } } }, async (request, reply) => {
    const rest = pathParams(request, deepLinkParams)['*'];
    if (rest.startsWith('assets/')) throw new HttpError('not_found');
    return sendIndex(request, reply);
  });
}
