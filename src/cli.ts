#!/usr/bin/env node
// zhitong serve | work | migrate | audit verify | user add | demo | wechat menu | backup | restore
import { userInfo } from 'node:os';
import type { Logger } from 'pino';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { KeyError } from './security/keys.js';
import { openRuntime, startServer, startWorker } from './server.js';
import { sealAudit } from './store/audit-seal.js';
import { anchorFile, installationId, readAnchors } from './store/audit-anchor.js';
import { insertAudit } from './store/audit-rows.js';
import { verifyAudit } from './store/audit-verify.js';
import { EmbeddedPostgresError } from './store/embedded/index.js';
import { runCliCommand } from './cli-commands.js';
import { runBackupCli } from './cli-backup.js';

const USAGE = `Usage: zhitong <command>
  serve              start the server (default); runs the jobs too unless ZHITONG_JOBS=off
  work               run the jobs (audit sealing, outbox, pruning) without HTTP
  migrate            migrate the database and exit
  audit verify       check the audit chain, its anchors and every case row
  user add           add a user (bootstraps the first secadmin on an empty database)
  demo               load the fictional 示例市公安局 demo on an empty database
  wechat menu        create the WeChat account's menu (我要反映, 我的反映, 12389热线)
  backup keygen      make the offline recipient key pair and the signing key pair (--out DIR)
  backup             write an encrypted, signed snapshot (--out FILE --recipient PUB [--sign-key KEY])
  restore            verify a backup and restore it into an empty database (--in FILE --identity KEY --verify-key PUB)`;

/** SIGTERM/SIGINT: a graceful stop, bounded so nothing keeps the process (and its PostgreSQL) up forever. */
function stopOnSignals(stop: () => Promise<void>, logger: Logger, graceMs: number, what: string): void {
  const shutdown = (signal: string) => {
    logger.info({ signal }, `shutting down: ${what}`);
    setTimeout(() => {
      logger.error('shutdown grace period over; exiting');
      process.exit(1);
    }, graceMs).unref();
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err: { type: (err as Error).name } }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

async function serve(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);
  const server = await startServer(config, logger);
  logger.info({ url: server.url, database: server.store.embedded ? 'embedded' : 'external', jobs: server.runner !== null }, 'Zhitong is listening');
  stopOnSignals(() => server.stop(), logger, config.shutdownGraceMs, 'draining requests and jobs');
}

async function work(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);
  const worker = await startWorker(config, logger);
  logger.info({ database: worker.store.embedded ? 'embedded' : 'external' }, 'Zhitong is running jobs');
  stopOnSignals(() => worker.stop(), logger, config.shutdownGraceMs, 'draining jobs');
}

async function auditVerify(): Promise<number> {
  const config = loadConfig();
  const logger = createLogger({ logLevel: 'warn' });
  const { store } = await openRuntime(config, logger, undefined, true);
  try {
    // Seal pending records, but never write an anchor here: verify must judge the anchors it finds.
    await sealAudit(store.pool, store.ring);
    const anchors = await readAnchors(anchorFile(config.keyFile, await installationId(store.pool)));
    const report = await verifyAudit(store.pool, store.ring, anchors);
    await insertAudit(store.pool, { actorKind: 'cli', actorRef: userInfo().username, action: 'audit.verify', target: report.ok ? 'ok' : 'failed' });
    if (report.ok) {
      console.log(`audit verify: OK — ${String(report.seals)} seals, ${String(report.sealedRows)} sealed records, ${String(report.unsealedRows)} not yet sealed, ${String(report.casesChecked)} cases match their last audit record.`);
      return 0;
    }
    for (const p of report.problems) console.error(`audit verify: FAILED — ${p}`);
    return 1;
  } finally {
    await store.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command = 'serve', sub, ...rest] = argv;
  switch (command) {
    case 'serve':
      await serve();
      return -1;
    case 'work':
      await work();
      return -1;
    case 'migrate': {
      const config = loadConfig();
      const { store } = await openRuntime(config, createLogger(config), undefined, true);
      await insertAudit(store.pool, { actorKind: 'cli', actorRef: userInfo().username, action: 'db.migrate' });
      await store.close();
      console.log('migrate: the database is up to date.');
      return 0;
    }
    case 'audit':
      if (sub === 'verify') return auditVerify();
      break;
    case 'user':
      return runCliCommand('user', rest, sub);
    case 'wechat':
      return runCliCommand('wechat', rest, sub);
    case 'backup':
    case 'restore':
      return runBackupCli(command, [sub, ...rest].filter((a): a is string => a !== undefined));
    case 'demo':
      return runCliCommand('demo', [sub, ...rest].filter((a): a is string => a !== undefined), undefined);
    case 'help':
    case '--help':
      console.log(USAGE);
      return 0;
    default:
      break;
  }
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    if (err instanceof ConfigError || err instanceof KeyError || err instanceof EmbeddedPostgresError) {
      console.error(`zhitong: ${err.message}`);
    } else {
      console.error(`zhitong: ${err instanceof Error ? err.message : String(err)}`);
    }
    process.exit(1);
  },
);

