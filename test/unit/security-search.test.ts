import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KeyRing } from '../../src/security/keys.js';
import { MAX_SEARCH_WORDS, normalizeSearchText, SearchTokenizer } from '../../src/security/search-tokens.js';

const ring = (): KeyRing => new KeyRing({ keyId: 1, bytes: randomBytes(32) });

const VECTOR_SHAPE = /^('[a-z0-9]+':\d+(,\d+)*)( '[a-z0-9]+':\d+(,\d+)*)*$/;
const DOC = '某派出所民警王某在处理纠纷时索要好处费两千元，群众拨打12389投诉。车牌京A12345，电话１３８００１３８０００。Officer ZHANG refused.';

function parseVector(vector: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const entry of vector.split(' ')) {
    const match = /^'([a-z0-9]+)':([\d,]+)$/.exec(entry);
    if (!match) throw new Error(`bad entry ${entry}`);
    out.set(match[1]!, match[2]!.split(',').map(Number));
  }
  return out;
}

/** Every substring of two or more characters of each CJK run in the text. */
function cjkSubstrings(text: string): string[] {
  const out: string[] = [];
  for (const run of text.match(/\p{Script=Han}+/gu) ?? []) {
    for (let i = 0; i < run.length; i++) for (let j = i + 2; j <= run.length; j++) out.push(run.slice(i, j));
  }
  return out;
}

describe('SearchTokenizer', () => {
  const r = ring();
  const tok = new SearchTokenizer(r);

  it('reports the ICU version', () => {
    expect(tok.icuVersion).toBe(process.versions.icu);
    expect(tok.icuVersion).toMatch(/^\d+\.\d+/);
  });

  it('is deterministic per key and differs across keys', () => {
    expect(tok.documentVector(DOC)).toBe(tok.documentVector(DOC));
    expect(new SearchTokenizer(r).documentVector(DOC)).toBe(tok.documentVector(DOC));
    expect(new SearchTokenizer(r).queryText('索要好处费')).toBe(tok.queryText('索要好处费'));
    const other = new SearchTokenizer(ring());
    expect(other.queryText('民警')).not.toBe(tok.queryText('民警'));
    const mine = new Set(parseVector(tok.documentVector(DOC)).keys());
    for (const token of parseVector(other.documentVector(DOC)).keys()) expect(mine.has(token)).toBe(false);
  });

  it('makes tokens of 20 lowercase letters', () => {
    const query = tok.queryText(DOC);
    expect(query).not.toBeNull();
    for (const token of query!.split(' ')) expect(token).toMatch(/^[a-p]{20}$/);
  });

  it('writes no plaintext word into the vector or the query', () => {
    const vector = tok.documentVector(DOC);
    const query = tok.queryText(DOC)!;
    const substrings = cjkSubstrings(DOC);
    expect(substrings.length).toBeGreaterThan(100);
    for (const s of substrings) {
      expect(vector).not.toContain(s);
      expect(query).not.toContain(s);
    }
    for (const word of ['12389', '12345', '13800138000', 'officer', 'zhang', 'refused']) {
      expect(vector).not.toContain(word);
      expect(query).not.toContain(word);
    }
    // No single Han character either: the output is ASCII.
    expect(vector).toMatch(/^[\x20-\x7e]*$/);
  });

  it('gives a tsvector literal whose positions increase and cover every word once', () => {
    const vector = tok.documentVector(DOC);
    expect(vector).toMatch(VECTOR_SHAPE);
    const parsed = parseVector(vector);
    const all: number[] = [];
    for (const positions of parsed.values()) {
      for (let i = 1; i < positions.length; i++) expect(positions[i]!).toBeGreaterThan(positions[i - 1]!);
      all.push(...positions);
    }
    const words = tok.words(DOC);
    expect(all.sort((a, b) => a - b)).toEqual(words.map((_, i) => i + 1));
    // Lexemes come sorted, as PostgreSQL prints them.
    const keys = [...parsed.keys()];
    expect(keys).toEqual([...keys].sort());
  });

  it('keeps repeated words as one lexeme with several positions', () => {
    const parsed = parseVector(tok.documentVector('投诉，投诉，再投诉'));
    const complaint = tok.queryText('投诉')!;
    expect(parsed.get(complaint)).toEqual([1, 2, 4]);
  });

  it('lines up query tokens with the document tokens in order', () => {
    const doc = parseVector(tok.documentVector(DOC));
    const query = tok.queryText('索要好处费')!.split(' ');
    expect(query.length).toBeGreaterThanOrEqual(2);
    const start = doc.get(query[0]!)![0]!;
    query.forEach((token, i) => expect(doc.get(token)).toContain(start + i));
  });

  it('returns null for a query without words and an empty vector for an empty text', () => {
    expect(tok.queryText('')).toBeNull();
    expect(tok.queryText('   ')).toBeNull();
    expect(tok.queryText('，。！？、……——“”《》')).toBeNull();
    expect(tok.queryText('!?.,;:-_()[]')).toBeNull();
    expect(tok.queryText('😀🚓')).toBeNull();
    expect(tok.documentVector('')).toBe('');
    expect(tok.documentVector('。。。')).toBe('');
  });

  it('normalises full-width digits and letters and Latin case', () => {
    expect(normalizeSearchText('１３８００１３８０００ＡＢＣ')).toBe('13800138000abc');
    expect(tok.queryText('１３８００１３８０００')).toBe(tok.queryText('13800138000'));
    expect(tok.queryText('京Ａ１２３４５')).toBe(tok.queryText('京a12345'));
    expect(tok.queryText('ＺＨＡＮＧ')).toBe(tok.queryText('zhang'));
    expect(tok.documentVector('电话１３８００１３８０００')).toBe(tok.documentVector('电话13800138000'));
  });

  it('splits words ICU keeps whole across , . : so a number is found inside a list', () => {
    expect(tok.words('电话13800138000,12389；金额1,000.50元')).toEqual(['电话', '13800138000', '12389', '金额', '1', '000', '50', '元']);
    const doc = parseVector(tok.documentVector('电话13800138000，12389'));
    expect(doc.has(tok.queryText('13800138000')!)).toBe(true);
  });

  it('segments a long text in chunks without changing its words', () => {
    const sentences = Array.from({ length: 400 }, (_, i) => `第${i}次：民警王某在处理纠纷时索要好处费${i}元，群众 Zhang San 投诉${i % 2 === 0 ? '！' : '。'}`);
    const whole = tok.words(sentences.join(''));
    expect(sentences.join('').length).toBeGreaterThan(10_000);
    expect(whole).toEqual(sentences.flatMap((s) => tok.words(s)));
    // Random mixed text with every kind of punctuation ICU joins words across, against one unchunked pass.
    const pieces = ['民警', '索要', '好处费', '投诉', '派出所', '1', '000', '12389', 'abc', 'Zhang', ',', '.', ':', ';', "'", '，', '。', '、', ' ', '-', '@', '１２'];
    let seed = 11;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed;
    };
    const mixed = Array.from({ length: 3_000 }, () => pieces[random() % pieces.length]!).join('');
    expect(mixed.length).toBeGreaterThan(4 * 1024);
    const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
    const reference = [...segmenter.segment(normalizeSearchText(mixed))]
      .filter((s) => s.isWordLike === true)
      .flatMap((s) => s.segment.split(/[^\p{L}\p{N}\p{M}]+/u))
      .filter((w) => /[\p{L}\p{N}]/u.test(w));
    expect(tok.words(mixed)).toEqual(reference);
    // A long run with no safe break is cut anyway and still yields words.
    expect(tok.words('派出所民警'.repeat(2_000)).length).toBeGreaterThan(3_000);
  });

  it('indexes at most the first 20,000 words and keeps positions within PostgreSQL limits', () => {
    const words = Array.from({ length: MAX_SEARCH_WORDS + 500 }, (_, i) => `w${i}`).join(' ');
    expect(tok.words(words)).toHaveLength(MAX_SEARCH_WORDS);
    const parsed = parseVector(tok.documentVector(words));
    expect(parsed.size).toBe(MAX_SEARCH_WORDS);
    expect(parsed.has(tok.token(`w${MAX_SEARCH_WORDS}`))).toBe(false);
    expect(Math.max(...[...parsed.values()].flat())).toBe(16383);
    const repeated = parseVector(tok.documentVector('投诉 '.repeat(1000)));
    expect(repeated.get(tok.queryText('投诉')!)).toHaveLength(256);
  });
});
