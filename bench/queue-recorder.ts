// Records every statement a query function sends, with its own time, so the benchmark can name the slowest
// statement of the slowest measure and show PostgreSQL's plan for exactly that text and those parameters.
import type pg from 'pg';

export interface Statement {
  readonly text: string;
  readonly values: readonly unknown[];
  readonly ms: number;
}

type QueryFn = (text: unknown, values?: unknown, callback?: unknown) => Promise<unknown>;

export class StatementRecorder {
  private statements: Statement[] = [];

  /** Wraps each new connection's query method; queries given as config objects are passed through unrecorded. */
  attach(pool: pg.Pool): void {
    pool.on('connect', (client) => {
      const original = client.query.bind(client) as unknown as QueryFn;
      // Pool.query calls client.query with a callback; only the promise form (what the query functions use) is timed.
      const recording: QueryFn = async (text, values, callback) => {
        if (typeof text !== 'string' || typeof values === 'function' || callback !== undefined) return original(text, values, callback);
        const t0 = performance.now();
        const result = await original(text, values);
        this.statements.push({ text, values: Array.isArray(values) ? values : [], ms: performance.now() - t0 });
        return result;
      };
      Object.assign(client, { query: recording });
    });
  }

  take(): Statement[] {
    const taken = this.statements;
    this.statements = [];
    return taken;
  }
}

/** The slowest statement that reads cases (not BEGIN/COMMIT or the reference look-ups). */
export function slowest(statements: readonly Statement[]): Statement | null {
  let worst: Statement | null = null;
  for (const s of statements) {
    if (!/\bcases\b/u.test(s.text)) continue;
    if (worst === null || s.ms > worst.ms) worst = s;
  }
  return worst;
}

export async function explain(pool: pg.Pool, s: Statement): Promise<string> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN READ ONLY');
    const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${s.text}`, [...s.values]);
    await client.query('ROLLBACK');
    return plan.rows.map((r) => r['QUERY PLAN']).join('\n');
  } finally {
    client.release();
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)] ?? 0;
}
