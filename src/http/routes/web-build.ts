// A Vite build served by Zhitong (the console at /console, the portal at /): index.html read once, assets
// by their content-hashed names only, gzipped once in memory, cached for a year.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../errors.js';

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

interface Asset {
  readonly body: Buffer;
  readonly gzipped: Buffer | null;
}

export interface WebBuild {
  /** index.html as built, or null while there is no build (looked for again next time). */
  index(): Promise<string | null>;
  /** Answers GET <base>/assets/:file, or a 404 problem for anything else. */
  sendAsset(request: FastifyRequest, reply: FastifyReply, name: string): Promise<FastifyReply>;
}

export function webBuild(dir: string): WebBuild {
  // The build does not change under a running server.
  let indexHtml: string | null = null;
  const assets = new Map<string, Asset>();

  async function loadAsset(name: string, ext: string): Promise<Asset | null> {
    const known = assets.get(name);
    if (known) return known;
    const body = await readFile(path.join(dir, 'assets', name)).catch(() => null);
    if (body === null) return null;
    const asset = { body, gzipped: COMPRESSIBLE.has(ext) ? await gzipAsync(body) : null };
    assets.set(name, asset);
    return asset;
  }

  return {
    async index() {
      indexHtml ??= await readFile(path.join(dir, 'index.html'), 'utf8').catch(() => null);
      return indexHtml;
    },
    async sendAsset(request, reply, name) {
      const ext = ASSET_NAME.exec(name)?.[1];
      const asset = ext === undefined ? null : await loadAsset(name, ext);
      // A missing asset (an old node during a rolling deploy) must not be cached in place of the real one.
      if (ext === undefined || asset === null) {
        reply.header('cache-control', 'no-store');
        throw new HttpError('not_found');
      }
      reply.header('cache-control', 'public, max-age=31536000, immutable').header('vary', 'accept-encoding').type(TYPES[ext] ?? 'application/octet-stream');
      const acceptsGzip = /\bgzip\b/u.test(request.headers['accept-encoding'] ?? '');
      if (asset.gzipped !== null && acceptsGzip) return reply.header('content-encoding', 'gzip').send(asset.gzipped);
      return reply.send(asset.body);
    },
  };
}
