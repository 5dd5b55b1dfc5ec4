// `zhitong wechat menu`: the account's menu through the API (issue 8), since server mode turns off the
// platform's own menu editor. Audited with the operating-system user, like every CLI command.
import type { Deps } from '../../commands/deps.js';
import type { WechatConfig } from '../../config-wechat.js';
import { accountMenu } from '../../domain/wechat/menu.js';
import { insertAudit } from '../../store/audit-rows.js';
import { WechatApi } from './api.js';
import { withAccessToken } from './token.js';

export async function createAccountMenu(deps: Deps, config: WechatConfig, portal: URL, osUser: string): Promise<void> {
  if (config.appSecret === null) throw new Error('the AppSecret is required to create the menu');
  const api = new WechatApi(config.apiBase, config.appId, config.appSecret);
  await withAccessToken(deps, api, config.appId, (token) => api.createMenu(token, accountMenu(portal)));
  await insertAudit(deps.pool, { actorKind: 'cli', actorRef: osUser, action: 'wechat.menu', target: config.appId });
}
