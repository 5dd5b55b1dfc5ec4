// The allow-list of DESIGN §7.4 by bytes: every listed type passes, the name never decides, and the
// operator switches (legacy Office, large video) and the pixel limit hold.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { checkFile } from '../../src/security/file-checks/check-file.js';
import { checkImagePixels } from '../../src/security/file-checks/image-limits.js';
import { FILE_LIMITS, FileRejected, type RejectionReason } from '../../src/security/file-checks/rejection.js';
import { sanitizeFileName, sniff } from '../../src/http/uploads.js';
import { docxParts, isoMedia, minimalPdf, pngBombHeader, xlsxParts, zip } from '../helpers/files.js';

async function reason(promise: Promise<unknown>): Promise<RejectionReason | 'accepted'> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    if (error instanceof FileRejected) return error.reason;
    throw error;
  }
}

const image = (format: 'jpeg' | 'png' | 'webp') => sharp({ create: { width: 16, height: 12, channels: 3, background: '#336699' } }).toFormat(format).toBuffer();
const wav = () => {
  const b = Buffer.alloc(64);
  b.write('RIFF', 0, 'latin1');
  b.writeUInt32LE(56, 4);
  b.write('WAVEfmt ', 8, 'latin1');
  return b;
};
const mp3 = () => Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(413), Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(413)]);
const cfb = () => Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]);

describe('the allow-list, by bytes', () => {
  it.each([
    ['photo.jpg', () => image('jpeg'), 'image/jpeg', 'jpg'],
    ['photo.png', () => image('png'), 'image/png', 'png'],
    ['photo.webp', () => image('webp'), 'image/webp', 'webp'],
    ['IMG_0001.HEIC', async () => Promise.resolve(isoMedia('heic')), 'image/heic', 'heic'],
    ['scan.pdf', async () => Promise.resolve(minimalPdf(['one'])), 'application/pdf', 'pdf'],
    ['letter.docx', async () => Promise.resolve(zip(docxParts())), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
    ['sums.xlsx', async () => Promise.resolve(zip(xlsxParts())), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
    ['note.txt', async () => Promise.resolve(Buffer.from('当时的情况如下。\n')), 'text/plain', 'txt'],
    ['call.mp3', async () => Promise.resolve(mp3()), 'audio/mpeg', 'mp3'],
    ['voice.m4a', async () => Promise.resolve(isoMedia('M4A')), 'audio/x-m4a', 'm4a'],
    ['voice.amr', async () => Promise.resolve(Buffer.concat([Buffer.from('#!AMR\n'), Buffer.alloc(64, 0x3c)])), 'audio/amr', 'amr'],
    ['voice.wav', async () => Promise.resolve(wav()), 'audio/wav', 'wav'],
    ['clip.mp4', async () => Promise.resolve(isoMedia('isom')), 'video/mp4', 'mp4'],
    ['clip.mov', async () => Promise.resolve(isoMedia('qt')), 'video/quicktime', 'mov'],
  ])('%s', async (name, make, mediaType, ext) => {
    expect(await checkFile(name, await make())).toEqual({ mediaType, ext });
  });

  it('takes the type from the bytes: a .jpg name with PDF bytes is a PDF', async () => {
    expect(await checkFile('photo.jpg', minimalPdf(['not a photo']))).toEqual({ mediaType: 'application/pdf', ext: 'pdf' });
    // The sanitised name then ends in what the bytes are.
    expect(sanitizeFileName('photo.jpg', 'pdf')).toBe('photo.jpg.pdf');
  });

  it('keeps a Windows device name from being one: con.txt, NUL and lpt1 get an underscore, console.txt does not', () => {
    expect(['con.txt', 'NUL', 'lpt1.png', 'Aux.tar.txt', 'console.txt', 'com10.txt'].map((n) => sanitizeFileName(n, n.endsWith('.png') ? 'png' : 'txt'))).toEqual(['_con.txt', '_NUL.txt', '_lpt1.png', '_Aux.tar.txt', 'console.txt', 'com10.txt']);
  });

  it('refuses what is not on the list, whatever it is called', async () => {
    expect(await reason(checkFile('scan.jpg', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)])))).toBe('not_allowed');
    expect(await reason(checkFile('a.gif', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1')))).toBe('not_allowed');
    expect(await reason(checkFile('clip.3gp', isoMedia('3gp4')))).toBe('not_allowed');
    expect(await reason(checkFile('files.zip', zip({ 'a.txt': 'hello' })))).toBe('not_allowed');
  });

  it('accepts text only under a .txt name, as strict UTF-8 without NUL', async () => {
    expect(await reason(checkFile('note.md', Buffer.from('plain words')))).toBe('not_allowed');
    expect(await reason(checkFile('note.txt', Buffer.from([0xc4, 0xe3, 0xba, 0xc3])))).toBe('not_allowed'); // GBK 你好
    expect(await reason(checkFile('note.txt', Buffer.from('a\u0000b')))).toBe('not_allowed');
    expect(await reason(checkFile('note.txt', Buffer.alloc(0)))).toBe('not_allowed');
  });

  it('keeps the old sniff(name, bytes) signature for callers', async () => {
    expect(await sniff('photo.png', await image('png'))).toEqual({ mediaType: 'image/png', ext: 'png' });
  });
});

describe('operator switches', () => {
  it('accepts legacy doc/xls/wps only when allowed, and only under those names', async () => {
    expect(await reason(checkFile('old.doc', cfb()))).toBe('not_allowed');
    expect(await checkFile('old.doc', cfb(), { allowLegacyOffice: true })).toEqual({ mediaType: 'application/x-cfb', ext: 'doc' });
    expect(await checkFile('表格.XLS', cfb(), { allowLegacyOffice: true })).toEqual({ mediaType: 'application/x-cfb', ext: 'xls' });
    expect(await checkFile('公文.wps', cfb(), { allowLegacyOffice: true })).toEqual({ mediaType: 'application/x-cfb', ext: 'wps' });
    // An installer is a compound file too.
    expect(await reason(checkFile('setup.msi', cfb(), { allowLegacyOffice: true }))).toBe('not_allowed');
  });

  it('accepts video over 50 MB only when allowed, and nothing else over 50 MB', async () => {
    const big = isoMedia('isom', FILE_LIMITS.fileBytes + 1024);
    expect(await reason(checkFile('clip.mp4', big))).toBe('too_large');
    expect(await checkFile('clip.mp4', big, { allowLargeVideo: true })).toEqual({ mediaType: 'video/mp4', ext: 'mp4' });
    const bigText = Buffer.alloc(FILE_LIMITS.fileBytes + 1, 'a');
    expect(await reason(checkFile('note.txt', bigText, { allowLargeVideo: true }))).toBe('too_large');
  });
});

describe('pixel limits before decoding', () => {
  it('refuses a PNG that declares 100 megapixels from its header alone', async () => {
    // 10000 × 10000 is under sharp's own default limit, so only our limit refuses it.
    const bomb = pngBombHeader(10_000, 10_000);
    expect(bomb.length).toBeLessThan(100);
    expect(await reason(checkFile('bomb.png', bomb))).toBe('too_many_pixels');
  });

  it('counts every frame of an animated image', async () => {
    const frame = (colour: string) => sharp({ create: { width: 100, height: 100, channels: 3, background: colour } }).png().toBuffer();
    const [a, b] = await Promise.all([frame('#123456'), frame('#654321')]);
    const animated = await sharp([a, b, a, b], { join: { animated: true } }).webp({ delay: 100 }).toBuffer();
    // Each frame (10,000 pixels) is under 30,000; the four together are not.
    expect(await reason(checkImagePixels(animated, 30_000))).toBe('too_many_pixels');
    expect(await reason(checkImagePixels(animated, 40_000))).toBe('accepted');
  });

  it('accepts an image just under the limit', async () => {
    expect(await reason(checkFile('big.png', pngBombHeader(7000, 7000)))).toBe('accepted');
  });
});
