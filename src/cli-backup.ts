// `zhitong backup keygen | backup | restore` (DESIGN §8). The CLI owns the order of things; the
// envelope is in security/backup-crypto.ts, the snapshot and the restore passes in store/.
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig, type Config } from './config.js';
import { createLogger } from './logger.js';
import { BackupError, BackupWriter, KEY_FILE_NAMES, fingerprint, generateBackupKeys, loadKey } from './security/backup-crypto.js';
import { KeyRing, readMasterKeyFile } from './security/keys.js';
import { openRuntime } from './server.js';
import { anchorFile, appendAnchor, installationId, readAnchors } from './store/audit-anchor.js';
import { insertAudit } from './store/audit-rows.js';
import { sealAudit } from './store/audit-seal.js';
import { verifyAudit } from './store/audit-verify.js';
import { applyBackup, verifyBackupFile, type Verified } from './store/backup-restore.js';
import { appliedMigrations, writeSnapshot } from './store/backup-snapshot.js';
import { advanceTransactionIds, emptinessProblem, xidBehind } from './store/backup-target.js';
import { packageRoot } from './store/migrate.js';

/** Where the command writes its sentences; the tests pass their own. */
export interface CliIo {
  log(line: string): void;
  error(line: string): void;
}

const consoleIo: CliIo = { log: (l) => console.log(l), error: (l) => console.error(l) };

export const BACKUP_USAGE = `Usage:
  zhitong backup keygen --out DIR
  zhitong backup --out FILE --recipient backup-recipient.pub [--sign-key backup-signing.key]
  zhitong restore --in FILE --identity backup-recipient.key --verify-key backup-signing.pub`;

function osUser(): string {
  return userInfo().username;
}

function zhitongVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}

async function keygen(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: { out: { type: 'string' } }, strict: true });
  if (!values.out) {
    io.error(BACKUP_USAGE);
    return 2;
  }
  const files = await generateBackupKeys(path.resolve(values.out));
  io.log(`backup keygen: wrote ${files.join(', ')}.`);
  io.log(`Keep ${KEY_FILE_NAMES.recipientPrivate} OFFLINE (it alone opens backups); give the server ${KEY_FILE_NAMES.recipientPublic} and ${KEY_FILE_NAMES.signingPrivate}; keep ${KEY_FILE_NAMES.signingPublic} with the offline key for restores.`);
  return 0;
}

async function backup(args: readonly string[], config: Config, io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: { out: { type: 'string' }, recipient: { type: 'string' }, 'sign-key': { type: 'string' } }, strict: true });
  if (!values.out || !values.recipient) {
    io.error(BACKUP_USAGE);
    return 2;
  }
  const out = path.resolve(values.out);
  const recipient = await loadKey(path.resolve(values.recipient), 'recipient');
  const signKey = await loadKey(path.resolve(values['sign-key'] ?? path.join(path.dirname(config.keyFile), KEY_FILE_NAMES.signingPrivate)), 'sign');
  const started = Date.now();
  const { store } = await openRuntime(config, createLogger({ logLevel: 'warn' }), undefined, true);
  try {
    const owner = new pg.Client(store.ownerConfig);
    await owner.connect();
    const writer = await BackupWriter.create(out, recipient, signKey);
    let bytes: number;
    let summary: string;
    try {
      const manifest = await writeSnapshot({ client: owner, dataDir: config.dataDir, anchorFileOf: (id) => anchorFile(config.keyFile, id), zhitongVersion: zhitongVersion(), sink: (b) => writer.write(b) });
      bytes = await writer.finish();
      const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
      summary = `${String(manifest.tables.length)} tables, ${String(rows)} rows, ${String(manifest.attachments.length)} attachment files`;
    } catch (err) {
      await writer.abort();
      await insertAudit(store.pool, { actorKind: 'cli', actorRef: osUser(), action: 'backup.create', target: 'failed' }).catch(() => undefined);
      throw err;
    } finally {
      await owner.end();
    }
    await insertAudit(store.pool, { actorKind: 'cli', actorRef: osUser(), action: 'backup.create', target: `${summary}; recipient ${fingerprint(recipient).toString('hex')}` });
    io.log(`backup: wrote ${out} — ${summary}, ${String(bytes)} bytes in ${String(Date.now() - started)} ms; encrypted to recipient ${fingerprint(recipient).toString('hex')}, signed by ${fingerprint(createPublicKey(signKey)).toString('hex')}.`);
    io.log('The master key is not in the backup: keep its copy apart from the backups (docs/operations.md, split custody).');
    return 0;
  } finally {
    await store.close();
  }
}

/** The data in the backup is encrypted under a master key that is never in it: that key must be here first. */
async function assertMasterKey(config: Config, verified: Verified): Promise<void> {
  const master = await readMasterKeyFile(config.keyFile);
  const wanted = `key id ${String(verified.preamble.keyId)}, check value ${verified.preamble.kcv}`;
  if (!master) throw new BackupError(`The master key file ${config.keyFile} is missing; the backup's data is encrypted under the installation's master key (${wanted}), which backups never contain — put that key file in place (ZHITONG_KEY_FILE) from its separate custody, then restore.`);
  if (new KeyRing(master).keyCheckValue() !== verified.preamble.kcv) throw new BackupError(`The master key in ${config.keyFile} is not the one this backup's data is encrypted under (${wanted}); put the installation's own key file in place, then restore.`);
}

/** A restore rolls time back: anchors written after the backup name seals it does not have. */
async function restoreAnchors(config: Config, verified: Verified, io: CliIo): Promise<void> {
  const id = verified.preamble.installationId;
  if (id === null) return;
  const file = anchorFile(config.keyFile, id);
  const existing = await readAnchors(file);
  if (existing.length > 0) {
    const aside = `${file}.before-restore-${new Date().toISOString().replace(/[:.]/gu, '-')}`;
    await rename(file, aside);
    io.log(`restore: the earlier anchor file was kept as ${aside}.`);
  }
  for (const line of verified.preamble.anchors) {
    const [sealId = '', head = '', at = ''] = line.split(' ');
    await appendAnchor(file, { sealId, head, at });
  }
}

async function restore(args: readonly string[], config: Config, io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: { in: { type: 'string' }, identity: { type: 'string' }, 'verify-key': { type: 'string' } }, strict: true });
  if (!values.in || !values.identity || !values['verify-key']) {
    io.error('restore needs the backup file, the offline recipient private key and the signing public key.');
    io.error(BACKUP_USAGE);
    return 2;
  }
  const file = path.resolve(values.in);
  const identity = await loadKey(path.resolve(values.identity), 'identity');
  const verifyKey = await loadKey(path.resolve(values['verify-key']), 'verify');
  const verified = await verifyBackupFile(file, identity, verifyKey);
  const rows = verified.manifest.tables.reduce((n, t) => n + t.rows, 0);
  io.log(`restore: ${file} verified — signature and every frame, ${String(verified.manifest.tables.length)} tables (${String(rows)} rows), ${String(verified.manifest.attachments.length)} attachment files, made ${verified.preamble.createdAt}.`);
  await assertMasterKey(config, verified);
  const { store } = await openRuntime(config, createLogger({ logLevel: 'warn' }), undefined, true);
  const owner = new pg.Client(store.ownerConfig);
  await owner.connect();
  try {
    const refusal = (await emptinessProblem(owner, config.dataDir)) ?? (await migrationProblem(owner, verified));
    if (refusal) {
      await insertAudit(store.pool, { actorKind: 'cli', actorRef: osUser(), action: 'backup.restore', target: 'refused' });
      io.error(`restore: ${refusal}`);
      return 1;
    }
    const behind = await xidBehind(owner, verified.preamble);
    if (behind > 0n) {
      io.log(`restore: advancing this server's transaction counter by ${behind.toString()} so the audit chain's order holds …`);
      await advanceTransactionIds(owner, behind);
    }
    const applied = await applyBackup({ owner, appRole: store.appRole, dataDir: config.dataDir, file, identity, verifyKey, verified });
    await restoreAnchors(config, verified, io);
    await insertAudit(store.pool, { actorKind: 'cli', actorRef: osUser(), action: 'backup.restore', target: `backup of ${verified.preamble.createdAt}: ${String(applied.rows)} rows, ${String(applied.files)} files` });
    io.log(`restore: wrote ${String(applied.rows)} rows and ${String(applied.files)} attachment files in one transaction.`);
    // As the sealer does at a first seal: a chain without any anchor gets one for its head at once.
    const sealed = await sealAudit(store.pool, store.ring);
    const anchors = anchorFile(config.keyFile, await installationId(store.pool));
    if (sealed.headSealId !== null && (await readAnchors(anchors)).length === 0) {
      await appendAnchor(anchors, { sealId: sealed.headSealId, head: sealed.head.toString('hex'), at: new Date().toISOString() });
    }
    const report = await verifyAudit(store.pool, store.ring, await readAnchors(anchors));
    if (!report.ok) {
      for (const p of report.problems) io.error(`audit verify: FAILED — ${p}`);
      return 1;
    }
    io.log(`audit verify: OK — ${String(report.seals)} seals, ${String(report.sealedRows)} sealed records, ${String(report.unsealedRows)} not yet sealed, ${String(report.casesChecked)} cases match their last audit record.`);
    return 0;
  } finally {
    await owner.end();
    await store.close();
  }
}

async function migrationProblem(owner: pg.ClientBase, verified: Verified): Promise<string | null> {
  const here = await appliedMigrations(owner);
  const there = verified.preamble.migrations;
  if (here.length === there.length && here.every((h, i) => h === there[i])) return null;
  return `the backup was made at schema migration ${String(there.length)} and this Zhitong is at ${String(here.length)}; restore with the release that made the backup (Zhitong ${verified.preamble.zhitongVersion}), then upgrade.`;
}

/** `zhitong backup …` and `zhitong restore …`; BackupError becomes its one sentence and exit code 1. */
export async function runBackupCli(command: 'backup' | 'restore', args: readonly string[], config?: Config, io: CliIo = consoleIo): Promise<number> {
  try {
    if (command === 'backup' && args[0] === 'keygen') return await keygen(args.slice(1), io);
    const cfg = config ?? loadConfig();
    return command === 'backup' ? await backup(args, cfg, io) : await restore(args, cfg, io);
  } catch (err) {
    if (err instanceof BackupError) {
      io.error(`zhitong ${command}: ${err.message}`);
      return 1;
    }
    throw err;
  }
}
