// The portal's chunks parse in Safari 13 (DESIGN §9); the checker itself must catch what Safari 13 lacks.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBuild, safari13Problems } from '../../scripts/old-browser-syntax.js';
import { buildDirOf } from '../../scripts/web-budget.js';

describe('Safari 13 syntax check', () => {
  it('finds optional chaining, nullish coalescing, BigInt literals and post-2020 syntax', () => {
    expect(safari13Problems('export const a = (x) => x?.y;')).toEqual(['optional chaining (?.)']);
    expect(safari13Problems('const b = (x) => x ?? 1;')).toEqual(['nullish coalescing (??)']);
    expect(safari13Problems('const c = 10n;')).toEqual(['BigInt literal']);
    expect(safari13Problems('class D { e = 1 }')[0]).toMatch(/^not ES2020/u);
    expect(safari13Problems('let f; f ??= 2;')[0]).toMatch(/^not ES2020/u);
  });

  it('passes code Safari 13 runs, dynamic import and import.meta included', () => {
    expect(safari13Problems('const g = (x) => x && x.y; import("./h.js"); console.log(import.meta.url, BigInt(1), "a?.b", `??`);')).toEqual([]);
  });

  it.runIf(existsSync(path.join(buildDirOf('portal'), 'assets')))('finds nothing in the built portal', () => {
    expect(checkBuild(buildDirOf('portal'))).toEqual([]);
  });
});
