// pg-boss's own schema (`pgboss`) in Zhitong's database. The owner installs or migrates it with
// pg-boss's own SQL and creates every queue (each queue is a partition table, so creating one is
// DDL); the application role only reads and writes rows and runs pg-boss with `migrate: false`.
import PgBoss from 'pg-boss';
import type pg from 'pg';
import { quoteIdent } from './roles.js';

export const PGBOSS_SCHEMA = 'pgboss';

/** A queue as the owner creates it; the job layer declares one per job. */
export interface JobQueueSpec {
  readonly name: string;
  /** `stately`: at most one waiting and one running job per key (periodic ticks). */
  readonly policy: 'standard' | 'stately';
  readonly retryLimit: number;
  readonly retryDelaySeconds: number;
  readonly retryBackoff: boolean;
  /** A running job older than this is failed (and retried if it has retries left). */
  readonly expireInSeconds: number;
}

/** What pg-boss needs from a database connection (its `db` option). */
export interface PgBossDb {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * pg-boss over one of our pools, so it uses our driver, credentials and TLS. pg-boss sends some of
 * its work as one text `BEGIN; …; COMMIT`: when such a text fails, its connection is left inside an
 * aborted transaction, so a connection that saw an error is discarded, never handed back. Its
 * workers poll on their own timers; at most `maxConcurrent` of their statements run at once, so a
 * burst of polls waits its turn instead of opening connections that then idle (DESIGN §9 memory).
 */
export class PoolExecutor implements PgBossDb {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly pool: pg.Pool, private readonly maxConcurrent = 2) {}

  /** Statements running or waiting: graceful shutdown waits for none before the pool closes. */
  get active(): number {
    return this.running + this.waiting.length;
  }

  async executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> {
    // A finishing statement hands its slot straight to the next waiter, so the count never overshoots.
    if (this.running < this.maxConcurrent) this.running += 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      const client = await this.pool.connect();
      let failed: Error | undefined;
      try {
        return await client.query(text, values);
      } catch (err) {
        failed = err instanceof Error ? err : new Error('query failed');
        throw err;
      } finally {
        client.release(failed);
      }
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}

/** The owner's single connection: after a failed text, roll back so the connection stays usable. */
function clientExecutor(client: pg.ClientBase): PgBossDb {
  return {
    async executeSql(text, values) {
      try {
        return await client.query(text, values);
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    },
  };
}

function queueOptions(q: JobQueueSpec): PgBoss.Queue {
  return { name: q.name, policy: q.policy, retryLimit: q.retryLimit, retryDelay: q.retryDelaySeconds, retryBackoff: q.retryBackoff, expireInSeconds: q.expireInSeconds };
}

/**
 * Run by the owner at every start, after our migrations: installs or migrates pg-boss's schema
 * (pg-boss serialises concurrent starters with an advisory lock), creates or updates the queues,
 * then grants the application role row access and nothing else: no CREATE on the schema, and no
 * EXECUTE on pg-boss's functions, which only create and drop queue tables (the runner uses
 * neither pg-boss's cron nor its queue creation).
 */
export async function preparePgBoss(client: pg.ClientBase, appRole: string, queues: readonly JobQueueSpec[]): Promise<void> {
  const boss = new PgBoss({ db: clientExecutor(client), schema: PGBOSS_SCHEMA, migrate: true, supervise: false, schedule: false });
  let failure: unknown;
  boss.on('error', (err) => {
    failure = err;
  });
  await boss.start();
  try {
    for (const q of queues) {
      // create_queue leaves an existing queue as it is; the update brings its options up to date.
      await boss.createQueue(q.name, queueOptions(q));
      await boss.updateQueue(q.name, queueOptions(q));
    }
  } finally {
    await boss.stop({ graceful: false, close: false });
  }
  if (failure !== undefined) throw failure instanceof Error ? failure : new Error('pg-boss preparation failed');
  const schema = quoteIdent(PGBOSS_SCHEMA);
  const app = quoteIdent(appRole);
  await client.query(`REVOKE ALL ON SCHEMA ${schema} FROM PUBLIC`);
  await client.query(`REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA ${schema} FROM PUBLIC, ${app}`);
  await client.query(`GRANT USAGE ON SCHEMA ${schema} TO ${app}`);
  await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${app}`);
  await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${app}`);
}
