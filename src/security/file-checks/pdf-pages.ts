// PDF pages as PNG images for units (DESIGN §3.4), drawn by poppler's pdftoppm in its own process:
// a hostile PDF can at worst crash or stall that process, which the timeout kills. The decrypted
// PDF exists only in a private temporary folder (0700, file 0600) that is removed whatever happens.
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadSharp } from './sharp-lazy.js';

export const PDF_LIMITS = {
  pages: 50,
  dpi: 110,
  /** A page larger than this at 110 dpi (about 94 cm) is drawn scaled down to it instead. */
  sidePixels: 4096,
  timeoutMs: 60_000,
} as const;

export interface PdfPagesOptions {
  /** Absolute path, never looked up in PATH. */
  readonly pdftoppm?: string | undefined;
  /** Where the private folder is made; the system temporary folder by default. */
  readonly tempDir?: string | undefined;
  readonly maxPages?: number | undefined;
  readonly timeoutMs?: number | undefined;
}

export interface PdfPage {
  readonly page: number;
  readonly png: Buffer;
}

export class PdfRenderFailed extends Error {
  override readonly name = 'PdfRenderFailed';
}

function run(file: string, args: readonly string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    // No shell, no inherited environment (secrets, LD_PRELOAD), output discarded.
    execFile(file, args, { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024, env: { PATH: '/usr/bin:/bin' }, windowsHide: true }, (error) => {
      if (error === null) {
        resolve();
        return;
      }
      reject(new PdfRenderFailed(error.killed ? 'pdftoppm timed out' : `pdftoppm failed (${String(error.code ?? error.signal ?? 'unknown')})`));
    });
  });
}

async function renderedPages(dir: string, prefix: string): Promise<Map<number, string>> {
  const pages = new Map<number, string>();
  const pattern = new RegExp(`^${prefix}-(\\d+)\\.png$`, 'u');
  for (const name of await readdir(dir)) {
    const m = pattern.exec(name);
    if (m?.[1] !== undefined) pages.set(Number(m[1]), path.join(dir, name));
  }
  return pages;
}

export async function pdfPages(pdf: Uint8Array, options: PdfPagesOptions = {}): Promise<PdfPage[]> {
  const tool = options.pdftoppm ?? '/usr/bin/pdftoppm';
  const maxPages = options.maxPages ?? PDF_LIMITS.pages;
  const deadline = Date.now() + (options.timeoutMs ?? PDF_LIMITS.timeoutMs);
  const remaining = (): number => Math.max(1, deadline - Date.now());
  const dir = await mkdtemp(path.join(options.tempDir ?? tmpdir(), 'zt-pdf-'));
  try {
    await chmod(dir, 0o700);
    const input = path.join(dir, 'in.pdf');
    await writeFile(input, pdf, { mode: 0o600, flag: 'wx' });
    const side = String(PDF_LIMITS.sidePixels);
    // Cropping to sidePixels bounds the memory a page with an absurd declared size can take.
    await run(tool, ['-q', '-png', '-r', String(PDF_LIMITS.dpi), '-W', side, '-H', side, '-f', '1', '-l', String(maxPages), input, path.join(dir, 'page')], remaining());
    const pages = await renderedPages(dir, 'page');
    const out: PdfPage[] = [];
    for (const [page, file] of [...pages].sort(([a], [b]) => a - b)) {
      let png = await readFile(file);
      const sharp = await loadSharp();
      const meta = await sharp(png).metadata();
      if (meta.width >= PDF_LIMITS.sidePixels || meta.height >= PDF_LIMITS.sidePixels) {
        // The crop cut this page: draw the whole page again, scaled to fit instead.
        await run(tool, ['-q', '-png', '-scale-to', side, '-f', String(page), '-l', String(page), input, path.join(dir, 'whole')], remaining());
        const [whole] = (await renderedPages(dir, 'whole')).values();
        if (whole === undefined) throw new PdfRenderFailed('pdftoppm wrote no page');
        png = await readFile(whole);
        await rm(whole, { force: true });
      }
      out.push({ page, png });
    }
    if (out.length === 0) throw new PdfRenderFailed('pdftoppm wrote no page');
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
