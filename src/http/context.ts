// What every route registrar receives: configuration and the command/query dependencies.
import type { Config } from '../config.js';
import type { Deps } from '../commands/deps.js';

export interface HttpContext {
  readonly config: Config;
  readonly deps: Deps;
  /** Origins that may call the login and public endpoints (DESIGN §7.3). */
  readonly allowedOrigins: ReadonlySet<string>;
}

export function allowedOriginsOf(config: Config): Set<string> {
  const origins = new Set([config.publicUrl.origin]);
  if (config.host === '127.0.0.1' || config.host === 'localhost' || config.host === '::1') {
    origins.add(`http://127.0.0.1:${String(config.port)}`);
    origins.add(`http://localhost:${String(config.port)}`);
  }
  return origins;
}
