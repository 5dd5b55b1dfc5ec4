// One attachment of a case (DESIGN §3.4, §7.4): read like the case detail (one byte-identical 404 for a case the
// reader may not open and for an attachment the detail does not show them), audited before its bytes leave.
// Always a sandboxed, no-sniff, uncached download with the stored sniffed type; `?inline=1` displays images
// (jpeg, png, webp) and audio in place, still sandboxed. For any other type `inline=1` is ignored and the
// answer is the same download: never inline, and no second kind of refusal to tell types apart.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { downloadAttachment } from '../../../commands/download-attachment.js';
import type { HttpContext } from '../../context.js';
import { staffGuard, staffOf } from '../../plugins/staff-session.js';
import { pathParams, parseRequest } from '../../route-input.js';
import { UNSAFE_NAME } from '../../uploads.js';
import { actorOf } from './case-actor.js';

const CASE_NUMBER = /^[A-Za-z0-9-]{1,40}$/u;
// A malformed id names nothing: the same 404 as an unknown case (pathParams).
const params = z.strictObject({ number: z.string().regex(CASE_NUMBER), attachmentId: z.uuid() });
const query = z.strictObject({ inline: z.literal('1').optional() });

/** Shown in place on request; everything else only ever downloads. */
export const INLINE_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/webp', 'audio/mpeg', 'audio/x-m4a', 'audio/mp4', 'audio/amr', 'audio/wav']);

/** The response's own policy: nothing in it may run, load or be framed as a document (DESIGN §7.4). */
export const ATTACHMENT_CSP = "sandbox; default-src 'none'";

/** RFC 8187 ext-value: every byte outside attr-char percent-encoded. */
function extValue(name: string): string {
  return encodeURIComponent(name).replace(/['()*!]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The stored name is sanitised at upload; cleaned again here so no header ever carries control or bidi characters. */
export function contentDisposition(kind: 'attachment' | 'inline', name: string): string {
  const cleaned = name.normalize('NFC').replace(UNSAFE_NAME, '_').trim();
  return `${kind}; filename*=UTF-8''${extValue(cleaned === '' ? '附件' : cleaned)}`;
}

export function registerAttachmentRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const guard = staffGuard(ctx);

  app.get('/api/v1/cases/:number/attachments/:attachmentId', { config: { policy: 'staff', input: { params, query } }, preHandler: guard }, async (request, reply) => {
    const { number, attachmentId } = pathParams(request, params);
    const { inline } = parseRequest(request, 'query', query);
    // Returns only once the audit record has committed; any failure before that sends a problem, never bytes.
    const file = await downloadAttachment(ctx.deps, actorOf(ctx.deps, staffOf(request)), number, attachmentId);
    const kind = inline === '1' && INLINE_TYPES.has(file.mediaType) ? 'inline' : 'attachment';
    return reply
      .type(file.mediaType)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .header('content-security-policy', ATTACHMENT_CSP)
      .header('content-disposition', contentDisposition(kind, file.name))
      .send(file.bytes);
  });
}
