// The portal must run in Safari 13 and Chromium 87 (DESIGN §9): WeChat's in-app browser on older phones.
// Vite lowers our code to that target; this proves it for every built chunk, dependencies included, by
// parsing each as ES2020 and refusing what Safari 13 cannot parse: optional chaining, `??` and BigInt
// literals (later syntax such as class fields or `??=` already fails the ES2020 parse).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, type Node } from 'acorn';

export interface SyntaxFinding {
  readonly file: string;
  readonly problem: string;
}

function walk(node: unknown, visit: (n: Node) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit);
    return;
  }
  if (typeof node !== 'object' || node === null || typeof (node as { type?: unknown }).type !== 'string') return;
  visit(node as Node);
  for (const [key, value] of Object.entries(node)) if (key !== 'loc' && typeof value === 'object') walk(value, visit);
}

/** What in `source` Safari 13 cannot parse, or nothing. */
export function safari13Problems(source: string): string[] {
  let ast: Node;
  try {
    ast = parse(source, { ecmaVersion: 2020, sourceType: 'module' });
  } catch (err) {
    return [`not ES2020: ${(err as Error).message}`];
  }
  const problems = new Set<string>();
  walk(ast, (n) => {
    if (n.type === 'ChainExpression') problems.add('optional chaining (?.)');
    if (n.type === 'LogicalExpression' && (n as Node & { operator: string }).operator === '??') problems.add('nullish coalescing (??)');
    if (n.type === 'Literal' && typeof (n as Node & { bigint?: string }).bigint === 'string') problems.add('BigInt literal');
  });
  return [...problems];
}

export function checkBuild(dir: string): SyntaxFinding[] {
  const assets = path.join(dir, 'assets');
  return readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .flatMap((file) => safari13Problems(readFileSync(path.join(assets, file), 'utf8')).map((problem) => ({ file, problem })));
}
