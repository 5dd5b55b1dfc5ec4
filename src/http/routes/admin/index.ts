// Admin route registrars (DESIGN §10: /api/v1/admin/), one per administrator's area. Each route's guard
// names the one admin role that may call it: MLPS three-role separation at the edge.
import type { FastifyInstance } from 'fastify';
import type { HttpContext } from '../../context.js';
import { registerAdminAccessRoutes } from './access.routes.js';
import { registerAdminAuditRoutes } from './audit.routes.js';
import { registerAdminChannelRoutes } from './channels.routes.js';
import { registerAdminCalendarRoutes } from './calendar.routes.js';
import { registerAdminConfigRoutes } from './config.routes.js';
import { registerAdminDeadLetterRoutes } from './dead-letters.routes.js';
import { registerAdminMailQuarantineRoutes } from './mail-quarantine.routes.js';
import { registerAdminOrgRoutes } from './org.routes.js';
import { registerAdminPrintTemplateRoutes } from './print-templates.routes.js';
import { registerAdminSiteRoutes } from './site.routes.js';
import { registerAdminSmsTemplateRoutes } from './sms-templates.routes.js';
import { registerAdminUserRoutes } from './users.routes.js';

export const ADMIN_ROUTE_REGISTRARS: readonly ((app: FastifyInstance, ctx: HttpContext) => void)[] = [
  // secadmin
  registerAdminUserRoutes,
  registerAdminAccessRoutes,
  // sysadmin
  registerAdminOrgRoutes,
  registerAdminConfigRoutes,
  registerAdminCalendarRoutes,
  registerAdminPrintTemplateRoutes,
  registerAdminSiteRoutes,
  registerAdminSmsTemplateRoutes,
  registerAdminChannelRoutes,
  registerAdminDeadLetterRoutes,
  registerAdminMailQuarantineRoutes,
  // auditor
  registerAdminAuditRoutes,
];
