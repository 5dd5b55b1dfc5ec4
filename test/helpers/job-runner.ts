// A job runner on a test app's store and fake clock, with anchors in the app's own folder and
// every log line kept for the assertions.
import path from 'node:path';
import { pino, type Logger } from 'pino';
import { JobRunner, type JobRunnerOptions } from '../../src/jobs/runner.js';
import type { TestApp } from './test-app.js';

export interface LogLine {
  readonly level: string;
  readonly msg: string;
  readonly [key: string]: unknown;
}

export function capturingLogger(): { logger: Logger; lines: () => LogLine[]; text: () => string } {
  const raw: string[] = [];
  const logger = pino({ level: 'debug', formatters: { level: (label) => ({ level: label }) } }, { write: (line: string) => { raw.push(line); } });
  return { logger, lines: () => raw.map((l) => JSON.parse(l) as LogLine), text: () => raw.join('') };
}

/** The key folder of this app only: anchors of one test never meet another's. */
export function anchorKeyFile(t: TestApp): string {
  return path.join(t.dataDir, 'keys', 'master.key');
}

export function createTestRunner(t: TestApp, o: Partial<JobRunnerOptions> = {}): JobRunner {
  return new JobRunner({
    pool: t.store.pool,
    deps: t.deps,
    logger: pino({ level: 'silent' }),
    keyFile: anchorKeyFile(t),
    pollingIntervalSeconds: 0.5,
    stopTimeoutMs: 30_000,
    ...o,
  });
}
