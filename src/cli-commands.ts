// `zhitong user add`, `zhitong demo` and `zhitong wechat menu`.
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { AddUserError, addUser, ensureRootUnit, parseRank, parseRoles } from './commands/admin/add-user.js';
import { DemoError, loadDemo } from './commands/admin/load-demo.js';
import { issueEnrolmentCode } from './commands/auth/enrol-totp.js';
import type { Deps } from './commands/deps.js';
import { demoAllowed, loadConfig, type Config } from './config.js';
import { createLogger } from './logger.js';
import { randomToken } from './security/tokens.js';
import { createAccountMenu } from './channels/wechat/menu-setup.js';
import { effectiveWechat } from './store/channel-settings.js';
import { openRuntime } from './server.js';

/** Config is loaded once per process: loading takes secrets out of process.env. */
async function withRuntime(config: Config, fn: (deps: Deps) => Promise<number>): Promise<number> {
  const { store, deps } = await openRuntime(config, createLogger({ logLevel: 'warn' }), undefined, true);
  try {
    return await fn(deps);
  } catch (err) {
    if (err instanceof AddUserError || err instanceof DemoError) {
      console.error(`zhitong: ${err.message}`);
      return 1;
    }
    throw err;
  } finally {
    await store.close();
  }
}

/** A printable one-time password that passes the policy: mixed classes, 20 characters. */
function generatedPassword(): string {
  return `Zt-${randomToken(16).replace(/[-_]/gu, 'x')}9a`;
}

async function userAdd(args: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      unit: { type: 'string', default: 'sj' },
      'unit-name': { type: 'string', default: '市公安局' },
      roles: { type: 'string' },
      'police-number': { type: 'string' },
      rank: { type: 'string' },
    },
    strict: true,
  });
  if (!values.username || !values.roles) {
    console.error('Usage: zhitong user add --username <name> --roles secadmin[,…] [--name 显示名] [--unit sj] [--unit-name 市公安局] [--police-number N] [--rank officer]');
    return 2;
  }
  const username = values.username;
  const roles = parseRoles(values.roles);
  return withRuntime(loadConfig(), async (deps) => {
    await ensureRootUnit(deps, values.unit, values['unit-name']);
    const password = generatedPassword();
    const r = await addUser(deps, { username, displayName: values.name ?? username, unitCode: values.unit, roles, password, policeNumber: values['police-number'], rank: parseRank(values.rank), mustChangePassword: true, totpRequired: true }, userInfo().username);
    console.log(`${r.bootstrap ? 'Bootstrapped the first user' : 'Added (break-glass, audited)'} ${username} with roles ${roles.join(', ')}.`);
    console.log(`One-time password (shown once; changed at first sign-in): ${password}`);
    // Handed over out of band with the password: the second factor is enrolled at first sign-in.
    const enrolment = await issueEnrolmentCode(deps, r.userId, { kind: 'cli', osUser: userInfo().username });
    if (enrolment.ok) console.log(`Two-factor enrolment code (valid until ${enrolment.expiresAt.toISOString()}): ${enrolment.code}`);
    return 0;
  });
}

async function demo(args: readonly string[]): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: { password: { type: 'string' } }, strict: true });
  const config = loadConfig();
  // Demo accounts share one password and skip 2FA: never on a server others can reach.
  if (!demoAllowed(config)) {
    console.error('zhitong demo: the demo loads only for a server on loopback (HOST=127.0.0.1, no trusted proxies) or with ZHITONG_DEMO=1.');
    return 2;
  }
  const password = values.password ?? generatedPassword();
  return withRuntime(config, async (deps) => {
    const r = await loadDemo(deps, password, userInfo().username);
    console.log(`Demo loaded: 示例市公安局, ${String(r.units)} units, ${String(r.users)} accounts, ${String(r.cases.length)} sample reports.`);
    if (!values.password) console.log(`Password of every demo account (shown once): ${password}`);
    console.log('Sample cases (受理编号 查询码):');
    for (const c of r.cases) console.log(`  ${c}`);
    return 0;
  });
}

/**
 * The menu of the account in force: the environment's, else the one the sysadmin saved in the console
 * (its AppSecret opened with the key ring), as the senders use it. `config` for tests.
 */
export async function wechatMenu(config: Config = loadConfig()): Promise<number> {
  return withRuntime(config, async (deps) => {
    // undefined: a stored row that no longer parses or opens (the senders keep their previous values then).
    const wechat = await effectiveWechat(config, deps).catch(() => undefined);
    if (wechat === undefined) {
      console.error('zhitong: the WeChat settings saved in the console could not be read; save them again (系统管理 → 微信公众号).');
      return 1;
    }
    if (wechat === null) {
      console.error('zhitong: WeChat is not configured (ZHITONG_WECHAT_APPID and the other settings, or 系统管理 → 微信公众号 in the console; docs/wechat.md).');
      return 2;
    }
    if (wechat.appSecret === null) {
      console.error('zhitong: the menu needs the account’s AppSecret (ZHITONG_WECHAT_SECRET, or 系统管理 → 微信公众号 in the console).');
      return 2;
    }
    await createAccountMenu(deps, wechat, config.publicUrl, userInfo().username);
    console.log(`Menu created for ${wechat.appId}: 我要反映 → ${config.publicUrl.href}, 我的反映, 12389热线.`);
    return 0;
  });
}

export async function runCliCommand(command: 'user' | 'demo' | 'wechat', args: readonly string[], sub: string | undefined): Promise<number> {
  if (command === 'demo') return demo(args);
  if (command === 'wechat') {
    if (sub === 'menu') return wechatMenu();
    console.error('Usage: zhitong wechat menu');
    return 2;
  }
  if (sub === 'add') return userAdd(args);
  console.error('Usage: zhitong user add …');
  return 2;
}
