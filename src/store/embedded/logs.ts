import type { Readable } from 'node:stream';
import { redactLogLine } from '../../security/redact.js';
import type { EmbeddedLogger } from './errors.js';

const MAX_LINE = 2000;
const KEEP = 8;

// DETAIL lines quote row values and role settings; anything naming a password is dropped whole.
function secretish(line: string): boolean {
  return /^\s*(DETAIL|STATEMENT):/.test(line) || /password/i.test(line);
}

function levelOf(line: string): keyof EmbeddedLogger {
  if (/\b(FATAL|PANIC|ERROR)\b/.test(line)) return 'error';
  if (/\bWARNING\b/.test(line)) return 'warn';
  return 'info';
}

/** Server output, line by line, through the redactor; keeps the last lines for start-up errors. */
export class ServerLog {
  private readonly recent: string[] = [];
  /** Refusals of our own readiness probes ("the database system is starting up") are not news. */
  quiet: RegExp | undefined;

  constructor(
    private readonly logger: EmbeddedLogger | undefined,
    private readonly prefix = 'postgresql: ',
  ) {}

  attach(stream: Readable): void {
    let pending = '';
    let dropping = false;
    const emit = (raw: string): void => {
      const line = raw.replace(/\r$/, '');
      if (line.trim() === '') return;
      // Continuation lines (tab-indented) belong to the message above and share its fate.
      if (/^\s/.test(line) && dropping) return;
      dropping = secretish(line);
      if (!dropping) this.accept(line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line);
    };
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      pending += chunk;
      let end = pending.indexOf('\n');
      while (end >= 0) {
        emit(pending.slice(0, end));
        pending = pending.slice(end + 1);
        end = pending.indexOf('\n');
      }
    });
    stream.on('end', () => {
      emit(pending);
      pending = '';
    });
  }

  /** For error messages, which reach the terminal: through the same redactor as the logs. */
  lastLines(): string {
    return this.recent.length > 0 ? redactLogLine(this.recent.join(' | ')) : '(no output)';
  }

  private accept(line: string): void {
    if (this.quiet?.test(line)) return;
    this.recent.push(line);
    if (this.recent.length > KEEP) this.recent.shift();
    this.logger?.[levelOf(line)](`${this.prefix}${line}`);
  }
}
