// Every route declares who may call it; the app refuses to start with a route that does not
// (DESIGN §10). The permission fixture in test/fixtures/route-policies.ts is written by hand.
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { RouteInput } from './route-input.js';

export const ROUTE_POLICIES = {
  /** anyone; reads nothing that belongs to a case */
  public: 'public',
  /** anyone holding a case number and query code; one resolver, one rate-limit bucket */
  public_code: 'public_code',
  /** the sign-in steps: allowed Origin, lockout, a session at the named stage */
  staff_signin: 'staff_signin',
  /** a fully signed-in staff session; state changes need the CSRF token */
  staff: 'staff',
  /**
   * a fully signed-in session holding the route's admin role (sysadmin, secadmin or auditor: MLPS
   * three-role separation); never case content; state changes need the CSRF token
   */
  admin: 'admin',
  /** health and readiness for load balancers and operators */
  operations: 'operations',
  /** a carrier's or platform's push under /hooks/, proven by a secret it was given; never a session */
  channel: 'channel',
} as const;
export type RoutePolicy = keyof typeof ROUTE_POLICIES;

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
  }
}

export interface RouteEntry {
  readonly method: string;
  readonly url: string;
  readonly policy: RoutePolicy;
  /** What the route declares it reads, for the OpenAPI document. */
  readonly input: RouteInput | undefined;
  /** The handler as registered: the inventory test reads what it touches of the request. */
  readonly handler: RouteOptions['handler'];
}

/** Registers the check before any route: a route without a policy is a start-up error. */
export function enforceRoutePolicies(app: FastifyInstance): RouteEntry[] {
  const inventory: RouteEntry[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const policy = route.config?.policy;
    if (!policy) throw new Error(`route ${methods.join(',')} ${route.url} declares no policy`);
    for (const method of methods) if (method !== 'HEAD') inventory.push({ method, url: route.url, policy, input: route.config?.input, handler: route.handler });
  });
  return inventory;
}
