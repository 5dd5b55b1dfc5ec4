// Forward-only migrations from the committed SQL in migrations/ (DESIGN §8).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';

/** The package root, whether running from src/ (tests) or dist/src/ (built). */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('package.json not found above the running module');
    dir = up;
  }
  return dir;
}

export async function runMigrations(client: pg.Client): Promise<void> {
  await migrate(drizzle(client), { migrationsFolder: path.join(packageRoot(), 'migrations') });
}
