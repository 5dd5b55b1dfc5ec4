// The process logger: pino with the redactor's paths; lines carry ids and routes, never content.
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import type { Config } from './config.js';
import { pinoRedactPaths, redactLogLine } from './security/redact.js';

/** `destination` lets tests capture exactly what the process would write (the marker sweep reads it). */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
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
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
