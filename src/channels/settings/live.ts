// The channel settings in force on a node (issues 7 and 8). The environment wins: a channel it configures
// uses those values and the console shows them read-only. Otherwise the sysadmin's stored settings apply,
// reloaded at once on the node that saved them (announceChannelSettingsSaved) and every minute elsewhere,
// like the SMS templates. A stored row that no longer parses or opens leaves the previous values in force.
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { MailConfig } from '../../config-mail.js';
import type { WechatConfig } from '../../config-wechat.js';
import type { Deps } from '../../commands/deps.js';
import { errorTag } from '../../jobs/errors.js';
import { effectiveMail, effectiveWechat, onChannelSettingsSaved, type SavedListener } from '../../store/channel-settings.js';
import { weakenedSwitchesInForce } from './switches.js';

export const CHANNEL_RELOAD_MS = 60_000;

const fingerprint = (v: unknown): string => JSON.stringify(v);

export class LiveChannelSettings {
  #mail: MailConfig;
  #wechat: WechatConfig | null;
  #loadedAt = Number.NEGATIVE_INFINITY;
  #dirty = true;
  #reloading: Promise<void> = Promise.resolve();
  #timer: NodeJS.Timeout | null = null;
  readonly #listeners = new Set<() => Promise<void>>();
  readonly #saved: SavedListener;

  constructor(
    private readonly config: Config,
    private readonly deps: Deps,
    private readonly logger?: Logger,
  ) {
    this.#mail = config.mail;
    this.#wechat = config.wechat;
    this.#saved = (pool) => {
      if (pool !== this.deps.pool) return;
      this.#dirty = true;
      // A running node (with its timer) acts now; a request-driven view reloads on its next read.
      if (this.#timer !== null) void this.reload();
    };
    onChannelSettingsSaved(this.#saved);
  }

  get mail(): MailConfig {
    return this.#mail;
  }

  get wechat(): WechatConfig | null {
    return this.#wechat;
  }

  /** The test-and-demo switches in force with these values, the environment's included (DESIGN §7.4). */
  weakenedSwitches(): string[] {
    return weakenedSwitchesInForce(this.config, { mail: this.#mail, wechat: this.#wechat });
  }

  /** Called after the values changed (by a reload), one call at a time. */
  onChange(listener: () => Promise<void>): void {
    this.#listeners.add(listener);
  }

  /** The values, reloaded first if a save was announced or a minute has passed. */
  async fresh(): Promise<this> {
    if (this.#dirty || Date.now() - this.#loadedAt >= CHANNEL_RELOAD_MS) await this.reload();
    return this;
  }

  reload(): Promise<void> {
    this.#reloading = this.#reloading.then(() => this.#reload());
    return this.#reloading;
  }

  async #reload(): Promise<void> {
    this.#dirty = false;
    this.#loadedAt = Date.now();
    const before = fingerprint([this.#mail, this.#wechat]);
    try {
      this.#mail = await effectiveMail(this.config, this.deps);
    } catch (err) {
      this.logger?.error({ err: { type: errorTag(err) } }, 'stored e-mail settings could not be used; the previous ones stay in force');
    }
    try {
      this.#wechat = await effectiveWechat(this.config, this.deps);
    } catch (err) {
      this.logger?.error({ err: { type: errorTag(err) } }, 'stored WeChat settings could not be used; the previous ones stay in force');
    }
    if (fingerprint([this.#mail, this.#wechat]) === before) return;
    for (const l of this.#listeners) await l().catch((err: unknown) => this.logger?.error({ err: { type: errorTag(err) } }, 'a channel did not take the new settings'));
  }

  /** For a node's senders: load now, then every minute and at once after a save here. */
  async start(): Promise<void> {
    this.#timer = setInterval(() => void this.reload(), CHANNEL_RELOAD_MS);
    this.#timer.unref();
    await this.reload();
  }

  async stop(): Promise<void> {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    onChannelSettingsSaved(this.#saved, false);
    await this.#reloading;
  }
}
