import type { KeyRing } from './keys.js';

// Keyed full-text search (DESIGN §7.1, "Search"). Text is segmented with ICU's Chinese word
// breaker, each word is normalised and replaced by a keyed token, and the tokens go into a
// `tsvector` (simple configuration) with their positions. Queries are segmented and keyed the
// same way and matched with phraseto_tsquery, so words ICU splits (索要 → 索/要) still match as a
// phrase of adjacent tokens. No plaintext word leaves this module in a vector or a query.
//
// Stored format: token = the first 10 bytes of HMAC-SHA-256(ring.key('search-token'), UTF-8 word),
// one letter per nibble from 'a'..'p' (high nibble first) — 20 lowercase letters. Letters only on
// purpose: PostgreSQL's default parser splits a token such as '2e3abc' into the float '2e3' and the
// word 'abc', whereas a run of ASCII letters is always one asciiword, so to_tsvector('simple', …)
// and phraseto_tsquery('simple', …) keep each token as one lexeme, unchanged.
// The segmentation (ICU version) and the normalisation are part of the stored format: changing
// either, or the master key, orphans every existing index, so the ICU version is stored with it.

const TOKEN_BYTES = 10;
const NIBBLE_LETTERS = 'abcdefghijklmnop';
/** Words beyond this many are not indexed (nor read from a query). */
export const MAX_SEARCH_WORDS = 20_000;
// PostgreSQL limits (tsvector docs): positions run to 16383 (larger ones are clamped to it) and
// one lexeme keeps at most 256 positions. Emitting only what PostgreSQL would keep makes the
// literal equal to its canonical form.
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_LEXEME = 256;
// Inside a word-like segment, anything but letters, digits and marks separates words: ICU keeps
// "1,000", "3.14" and "13800138000,12389" whole, and splitting them (on both sides, with phrase
// matching) lets a query for 13800138000 find that last one.
const WORD_SEPARATOR = /[^\p{L}\p{N}\p{M}]+/u;
const HAS_WORD_CONTENT = /[\p{L}\p{N}]/u;
// V8's segment iterator slows down worse than quadratically with the length of the string
// (measured here, Node 20 / ICU 78: 20,500 short Latin words 31 s, 110,000 Chinese characters 75 s),
// so texts are segmented in chunks of at most CHUNK_CHARS. A chunk ends just after a character that
// is no letter, digit, mark or format character (and is not followed by a mark or format character,
// which would attach to it). Such a character never sits inside a Han run, and where ICU keeps it
// inside a word ("1,000", "b.cn", "can't") WORD_SEPARATOR splits the word there anyway, so
// chunking does not change the words.
const CHUNK_CHARS = 1024;
const BREAKABLE = /[^\p{L}\p{N}\p{M}\p{Cf}]/u;
const ATTACHES = /[\p{M}\p{Cf}]/u;

function isSafeBreak(text: string, i: number): boolean {
  return BREAKABLE.test(text.charAt(i)) && !ATTACHES.test(text.charAt(i + 1));
}

function* chunks(text: string): Generator<string> {
  let start = 0;
  while (text.length - start > CHUNK_CHARS) {
    let cut = start + CHUNK_CHARS;
    let found = false;
    for (let i = cut - 1; i > start + CHUNK_CHARS / 2; i--) {
      if (isSafeBreak(text, i)) {
        cut = i + 1;
        found = true;
        break;
      }
    }
    // No safe place in a long run (say 1,000 Han characters without punctuation): cut anyway,
    // which at worst segments the few characters around the cut differently; never inside a surrogate pair.
    if (!found) {
      const code = text.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    }
    yield text.slice(start, cut);
    start = cut;
  }
  yield text.slice(start);
}

/**
 * The normalisation applied before segmentation: NFKC (full-width digits and letters become
 * half-width, compatibility forms fold) and lowercase. Done on the whole text, not per word, so
 * a document and a query typed with different widths are also segmented alike.
 */
export function normalizeSearchText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function letterEncode(bytes: Buffer): string {
  let out = '';
  for (const byte of bytes) out += NIBBLE_LETTERS.charAt(byte >> 4) + NIBBLE_LETTERS.charAt(byte & 15);
  return out;
}

export class SearchTokenizer {
  /** The ICU version whose segmentation produced the tokens; store it with the index and re-index when it changes. */
  readonly icuVersion: string;
  readonly #ring: KeyRing;
  readonly #key: Buffer;
  readonly #segmenter: Intl.Segmenter;

  constructor(ring: KeyRing) {
    const icu = process.versions.icu;
    const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
    // Without full ICU there is no Chinese dictionary and text would be split into single characters.
    if (icu === undefined || !segmenter.resolvedOptions().locale.startsWith('zh')) {
      throw new Error('Search needs Node built with full ICU (Chinese word segmentation); process.versions.icu or the zh locale is missing.');
    }
    this.icuVersion = icu;
    this.#ring = ring;
    this.#key = ring.key('search-token');
    this.#segmenter = segmenter;
  }

  /** The normalised words of a text, in order, at most MAX_SEARCH_WORDS. Plaintext: for tests and diagnostics only. */
  words(text: string): string[] {
    const words: string[] = [];
    for (const chunk of chunks(normalizeSearchText(text))) {
      for (const segment of this.#segmenter.segment(chunk)) {
        if (segment.isWordLike !== true) continue;
        for (const part of segment.segment.split(WORD_SEPARATOR)) {
          if (!HAS_WORD_CONTENT.test(part)) continue;
          words.push(part);
          if (words.length >= MAX_SEARCH_WORDS) return words;
        }
      }
    }
    return words;
  }

  /** The keyed token of one already-normalised word. */
  token(word: string): string {
    return letterEncode(this.#ring.provider.mac(this.#key, Buffer.from(word, 'utf8')).subarray(0, TOKEN_BYTES));
  }

  /**
   * A tsvector literal with positions ("'tok1':1 'tok2':2,5 …", lexemes sorted as PostgreSQL
   * prints them), to bind as a parameter and cast with ::tsvector. Empty text gives ''.
   */
  documentVector(text: string): string {
    const positions = new Map<string, number[]>();
    let position = 0;
    for (const word of this.words(text)) {
      position = Math.min(position + 1, MAX_POSITION);
      const token = this.token(word);
      const list = positions.get(token);
      if (list === undefined) {
        positions.set(token, [position]);
      } else if (list.length < MAX_POSITIONS_PER_LEXEME && list[list.length - 1] !== position) {
        list.push(position);
      }
    }
    // Tokens are all the same length and ASCII, so string order is PostgreSQL's lexeme order.
    return [...positions.keys()]
      .sort()
      .map((token) => `'${token}':${(positions.get(token) ?? []).join(',')}`)
      .join(' ');
  }

  /** The query's tokens in order, space-separated, for phraseto_tsquery('simple', $1); null when the query has no word. */
  queryText(query: string): string | null {
    const words = this.words(query);
    if (words.length === 0) return null;
    return words.map((word) => this.token(word)).join(' ');
  }
}
