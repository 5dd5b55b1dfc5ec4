// The console's administration screens (web/console/src/admin/admin-sections.ts): each belongs to the one
// admin role whose API it calls, and an administrator lands on their own first screen.
import { describe, expect, it } from 'vitest';
import { adminHome, ADMIN_SECTIONS, ADMIN_SECTION_INFO } from '../../web/console/src/admin/admin-sections.js';
import { ROUTE_FIXTURES } from '../fixtures/route-policies.js';

describe('administration routes', () => {
  it('shows each screen to the admin role whose API it calls', () => {
    const roles = new Set(ROUTE_FIXTURES.flatMap((r) => (r.role === undefined ? [] : [r.role])));
    for (const s of ADMIN_SECTIONS) expect(roles.has(ADMIN_SECTION_INFO[s].role)).toBe(true);
    expect(ADMIN_SECTIONS.filter((s) => ADMIN_SECTION_INFO[s].role === 'secadmin')).toEqual(['users', 'role-requests', 'sealed-group']);
  });

  it('lands an administrator on their first screen, and a case user on the 工作台', () => {
    expect(adminHome(['sysadmin'])).toBe('units');
    expect(adminHome(['secadmin'])).toBe('users');
    expect(adminHome(['auditor'])).toBe('audit');
    expect(adminHome(['intake'])).toBeNull();
    expect(adminHome(['liaison', 'handler'])).toBeNull();
  });
});
