// The demo bureau (示例市公安局) in a test database, with one signed-in browser per account on demand.
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { loadDemo } from '../../src/commands/admin/load-demo.js';
import { Browser } from './browser.js';
import type { TestApp } from './test-app.js';

export const DEMO_PASSWORD = 'Shi-Li-Ju-Yan-Shi-2026!';

export class Bureau {
  readonly browsers = new Map<string, Browser>();
  unitIds = new Map<string, string>();
  userIds = new Map<string, string>();
  constructor(readonly t: TestApp) {}

  /** The demo's units and users; with `walkthrough`, its sample cases too. */
  static async load(t: TestApp, options: { walkthrough?: boolean } = {}): Promise<Bureau> {
    await loadDemo(t.deps, DEMO_PASSWORD, 'test', { walkthrough: options.walkthrough ?? false });
    const b = new Bureau(t);
    b.unitIds = new Map((await t.deps.pool.query<{ code: string; id: string }>('SELECT code, id FROM units')).rows.map((r) => [r.code, r.id]));
    b.userIds = new Map((await t.deps.pool.query<{ username: string; id: string }>('SELECT username, id FROM users')).rows.map((r) => [r.username, r.id]));
    return b;
  }

  unit(code: string): string {
    const id = this.unitIds.get(code);
    if (id === undefined) throw new Error(`no unit ${code}`);
    return id;
  }

  user(username: string): string {
    const id = this.userIds.get(username);
    if (id === undefined) throw new Error(`no user ${username}`);
    return id;
  }

  async as(username: string): Promise<Browser> {
    const known = this.browsers.get(username);
    if (known !== undefined) return known;
    const b = new Browser(this.t);
    const res = await b.login(username, DEMO_PASSWORD);
    expect(res.json()).toMatchObject({ stage: 'authenticated' });
    this.browsers.set(username, b);
    return b;
  }

  async detail(username: string, caseNumber: string): Promise<LightMyRequestResponse> {
    return (await this.as(username)).send('GET', `/api/v1/cases/${caseNumber}`);
  }

  /** Takes an action with the version the user last saw, as the console does. */
  async act(username: string, caseNumber: string, action: string, fields: object = {}, version?: number): Promise<LightMyRequestResponse> {
    const b = await this.as(username);
    let v = version;
    if (v === undefined) {
      const d = await b.send('GET', `/api/v1/cases/${caseNumber}`);
      v = d.statusCode === 200 ? d.json<{ version: number }>().version : 1;
    }
    return b.send('POST', `/api/v1/cases/${caseNumber}/actions/${action}`, fields, { 'if-match': `"${String(v)}"` });
  }

  /** The action must succeed; returns the detail it answered with. */
  async ok(username: string, caseNumber: string, action: string, fields: object = {}): Promise<CaseDetailJson> {
    const res = await this.act(username, caseNumber, action, fields);
    if (res.statusCode !== 200) throw new Error(`${username} ${action} on ${caseNumber}: ${String(res.statusCode)} ${res.body}`);
    return res.json();
  }

  async actionsOf(username: string, caseNumber: string): Promise<string[]> {
    const d = await this.detail(username, caseNumber);
    return d.statusCode === 200 ? d.json<CaseDetailJson>().actions.map((a) => a.code) : [];
  }
}

export interface CaseDetailJson {
  caseNumber: string;
  version: number;
  state: string;
  publicStage: string | null;
  isAccusation: boolean;
  sealed: boolean;
  clocks: { public: { due: string | null; text: { zh: string } }; unit: { due: string | null }; light: string };
  flags: Record<string, boolean>;
  currentUnit: { id: string; name: string } | null;
  chain: { depth: number; unit: { id: string } | null; unitDue: string; granted: boolean }[];
  timeline: { event: string; step: { zh: string }; unit: { name: string } | null; actor: string | null; opinion: string | null }[];
  subjects: { id: string; name: string | null }[];
  reporter: { access: string; name: string | null; phone: string | null } | null;
  reporterRevealable: boolean;
  pending: { id: string; kind: string }[];
  replies: { outcome: string }[];
  actions: { code: string; fields: { properties?: Record<string, { enum?: string[]; 'x-enum-labels'?: Record<string, { zh: string; en: string }> }> } }[];
}
