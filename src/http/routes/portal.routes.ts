// The public portal at / (issue 5): the Vite build from dist/web/portal under the strict CSP of DESIGN §7.4
// (no nonce needed: the portal has no runtime styles). Its pages are the app's own paths; any other
// page a browser asks for gets the portal's 404 page with status 404, while the API keeps its problems.
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { packageRoot } from '../../store/migrate.js';
import { loadSiteSettings } from '../../store/site-settings.js';
import type { HttpContext } from '../context.js';
import type { HtmlNotFound } from '../plugins/error-handler.js';
import { HttpError } from '../errors.js';
import { pathParams } from '../route-input.js';
import { webBuild, type WebBuild } from './web-build.js';

/** What index.html needs before any script runs: the title and the hotline of the noscript message. */
export interface PortalShellText {
  readonly title: string;
  readonly hotline: string;
}

export const DEFAULT_SHELL_TEXT: PortalShellText = { title: '12389群众监督平台', hotline: '12389' };

const SHELL_TTL_MS = 60_000;

/** The platform's name and hotline from the site settings, read at most once a minute by this server. */
export function cachedShellText(ctx: HttpContext): () => Promise<PortalShellText> {
  let cache: { at: number; text: Promise<PortalShellText> } | null = null;
  return () => {
    const now = Date.now();
    if (cache === null || now - cache.at > SHELL_TTL_MS) {
      const text = loadSiteSettings(ctx.deps.pool).then(
        ({ settings }) => ({ title: settings.platformName.zh, hotline: settings.hotline }),
        // A page without the bureau's name is better than no page: the settings row is not worth a 500.
        () => DEFAULT_SHELL_TEXT,
      );
      cache = { at: now, text };
    }
    return cache.text;
  };
}

const UNBUILT_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>12389群众监督平台</title></head>
<body><h1>网站维护中</h1><p>请稍后访问，或拨打 12389 举报投诉热线反映情况。如遇紧急情况，请直接拨打110。</p>
<hr><p lang="en">The site is being maintained. Please come back later or call the 12389 hotline. In an emergency call 110.</p></body></html>
`;

const PAGES = ['/', '/receipt', '/track', '/notice', '/contact', '/stats'] as const;
/** The portal's report flows (web/portal/src/router.ts); `other` is for staff registration only. */
const PUBLIC_REPORT_TYPES = ['accusation', 'complaint', 'suggestion', 'praise', 'consultation'] as const;
const reportParams = z.strictObject({ type: z.string().max(40) });
const assetParams = z.strictObject({ file: z.string().max(200) });
const RESERVED = /^\/(?:api|hooks|console|healthz|readyz)(?:\/|$)/u;

const wantsHtml = (request: FastifyRequest): boolean => /\btext\/html\b/u.test(request.headers.accept ?? '');

const escapeHtml = (s: string): string => s.replace(/[&<>"']/gu, (c) => `&#${String(c.charCodeAt(0))};`);

function portalBuild(ctx: HttpContext): WebBuild {
  return webBuild(ctx.config.portalDir ?? path.join(packageRoot(), 'dist', 'web', 'portal'));
}

/** index.html with the title and hotline as escaped text. */
export function fillShell(indexHtml: string, text: PortalShellText): string {
  // Functions, not strings: a `$'` in the sysadmin's text must not expand into the rest of the page.
  return indexHtml.replaceAll('__ZT_TITLE__', () => escapeHtml(text.title)).replaceAll('__ZT_HOTLINE__', () => escapeHtml(text.hotline));
}

async function sendShell(build: WebBuild, shellText: () => Promise<PortalShellText>, reply: FastifyReply, status: number): Promise<FastifyReply> {
  const indexHtml = await build.index();
  // Pages are the same for everyone, but a code typed on one must never come back from a cache.
  reply.header('cache-control', 'no-store');
  if (status === 404) reply.header('vary', 'Accept');
  if (indexHtml === null) return reply.status(503).type('text/html; charset=utf-8').header('retry-after', '60').send(UNBUILT_PAGE);
  return reply.status(status).type('text/html; charset=utf-8').send(fillShell(indexHtml, await shellText()));
}

export function registerPortalRoutes(app: FastifyInstance, ctx: HttpContext, shellText: () => Promise<PortalShellText> = () => Promise.resolve(DEFAULT_SHELL_TEXT)): HtmlNotFound {
  const build = portalBuild(ctx);
  const page = async (_request: FastifyRequest, reply: FastifyReply) => sendShell(build, shellText, reply, 200);
  for (const url of PAGES) app.get(url, { config: { policy: 'public', input: {} } }, page);
  // An unknown type is the portal's 404 page with a 404 status, not a soft 404.
  app.get('/report/:type', { config: { policy: 'public', input: { params: reportParams } } }, async (request, reply) => {
    if ((PUBLIC_REPORT_TYPES as readonly string[]).includes(pathParams(request, reportParams).type)) return sendShell(build, shellText, reply, 200);
    // As for any unknown path: the page for a browser, a problem for anyone else.
    if (!wantsHtml(request)) throw new HttpError('not_found');
    return sendShell(build, shellText, reply, 404);
  });
  app.get('/assets/:file', { config: { policy: 'public', input: { params: assetParams } } }, async (request, reply) => build.sendAsset(request, reply, pathParams(request, assetParams).file));
  return (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (request.method !== 'GET' || !wantsHtml(request) || RESERVED.test(path) || path.startsWith('/assets/')) return null;
    return sendShell(build, shellText, reply, 404);
  };
}
