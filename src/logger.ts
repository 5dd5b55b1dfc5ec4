// The process logger: pino with the redactor's paths; lines carry ids and routes, never content.
import { pino, type Logger } from 'pino';
import type { Config } from './config.js';
import { pinoRedactPaths, redactLogLine } from './security/redact.js';

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    redact: { paths: pinoRedactPaths, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
    hooks: {
      logMethod(args, method) {
        // Free-text messages pass the line redactor too (credentials in URLs, code-like numbers).
        const redacted = args.map((a) => (typeof a === 'string' ? redactLogLine(a) : a)) as Parameters<typeof method>;
        method.apply(this, redacted);
      },
    },
  });
}
