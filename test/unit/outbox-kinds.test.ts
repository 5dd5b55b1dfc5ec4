// The dead-letter screen names every outbox kind in words (src/domain/outbox-kinds.ts). Writers are typed
// with OutboxKind; this keeps a writer from slipping a kind past the type as a literal in its SQL.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTBOX_KIND_LABELS, isOutboxKind } from '../../src/domain/outbox-kinds.js';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

describe('outbox kinds', () => {
  it('labels each kind in Chinese and English', () => {
    for (const [kind, label] of Object.entries(OUTBOX_KIND_LABELS)) {
      expect([kind, /\p{Script=Han}/u.test(label.zh)]).toEqual([kind, true]);
      expect([kind, label.en.length > 0 && label.en !== kind]).toEqual([kind, true]);
    }
    expect(isOutboxKind('reporter.notice')).toBe(true);
    expect(isOutboxKind('channel.unknown')).toBe(false);
    expect(isOutboxKind('toString')).toBe(false);
  });

  it('leaves no outbox kind as a literal in the SQL of a writer', () => {
    const literal = /INSERT INTO outbox[^;`]*VALUES\s*\(\s*'/u;
    const offenders = sources('src').filter((f) => literal.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
