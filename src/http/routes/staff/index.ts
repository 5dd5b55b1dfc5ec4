// Staff and admin route registrars, mounted unless this node serves the public surface only.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../../config.js';
import type { HttpContext } from '../../context.js';

export function staffRouteRegistrars(config: Config): ((app: FastifyInstance, ctx: HttpContext) => void)[] {
  if (config.surface === 'public') return [];
  return [];
}
