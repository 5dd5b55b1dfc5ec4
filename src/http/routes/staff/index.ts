// Staff and admin route registrars, mounted unless this node serves the public surface only.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../../config.js';
import type { HttpContext } from '../../context.js';
import { registerStaffSession } from '../../plugins/staff-session.js';
import { registerAuthRoutes } from './auth.routes.js';
import { registerCaseRoutes } from './cases.routes.js';
import { registerCaseListRoutes } from './cases-list.routes.js';
import { registerIntakeRoutes } from './intake.routes.js';
import { registerCaseRegistrationRoutes } from './cases-register.routes.js';
import { registerStatsRoutes } from './stats.routes.js';
import { registerCallRoutes } from './calls.routes.js';
import { registerStaffDirectoryRoutes } from './staff-directory.routes.js';
import { registerPrintRoutes } from './print.routes.js';
import { registerAttachmentRoutes } from './attachments.routes.js';
import { registerNotificationRoutes } from './notifications.routes.js';
import { registerTotpResetRoutes } from './totp-resets.routes.js';
import { registerStaffMisses } from '../../plugins/staff-misses.js';
import { ADMIN_ROUTE_REGISTRARS } from '../admin/index.js';
import { registerConsoleRoutes } from '../console.routes.js';

export function staffRouteRegistrars(config: Config): ((app: FastifyInstance, ctx: HttpContext) => void)[] {
  if (config.surface === 'public') return [];
  // The session guard comes first, so every staff write behind it needs a live session and the CSRF token.
  return [
    registerStaffSession,
    registerStaffMisses,
    registerAuthRoutes,
    registerCaseListRoutes,
    registerCaseRoutes,
    registerCaseRegistrationRoutes,
    registerIntakeRoutes,
    registerStatsRoutes,
    registerCallRoutes,
    registerStaffDirectoryRoutes,
    registerPrintRoutes,
    registerAttachmentRoutes,
    registerNotificationRoutes,
    registerTotpResetRoutes,
    ...ADMIN_ROUTE_REGISTRARS,
    // The console belongs to the staff surface: a public-only node never serves it.
    registerConsoleRoutes,
  ];
}
