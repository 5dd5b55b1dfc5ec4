// The console's administration routes (web/console/src/admin/admin-sections.ts, app/router.ts): every
// screen has a path, an unknown one is "not found", and each belongs to exactly one admin role.
import { describe, expect, it } from 'vitest';
import { ADMIN_SECTIONS, ADMIN_SECTION_INFO } from '../../web/console/src/admin/admin-sections.js';
import { adminPath, parseRoute } from '../../web/console/src/app/router.js';
import { ROUTE_FIXTURES } from '../fixtures/route-policies.js';

describe('administration routes', () => {
  it('parses every screen’s path back to it, and nothing else', () => {
    for (const s of ADMIN_SECTIONS) expect(parseRoute(adminPath(s), '')).toEqual({ name: 'admin', section: s });
    expect(parseRoute('/console/admin/users/', '')).toEqual({ name: 'admin', section: 'users' });
    expect(parseRoute('/console/admin/keys', '')).toEqual({ name: 'not_found' });
    expect(parseRoute('/console/admin/', '')).toEqual({ name: 'not_found' });
  });

  it('shows each screen to the admin role whose API it calls', () => {
    const roles = new Set(ROUTE_FIXTURES.flatMap((r) => (r.role === undefined ? [] : [r.role])));
    for (const s of ADMIN_SECTIONS) expect(roles.has(ADMIN_SECTION_INFO[s].role)).toBe(true);
    expect(ADMIN_SECTIONS.filter((s) => ADMIN_SECTION_INFO[s].role === 'secadmin')).toEqual(['users', 'role-requests', 'sealed-group']);
  });
});
