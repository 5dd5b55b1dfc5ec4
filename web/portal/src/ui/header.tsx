import type { Lang } from '../i18n.js';
import { useSite } from '../site.js';
import { Link } from './link.js';

/** 示例市公安局12389公安服务平台 under the bureau's name reads 12389公安服务平台. */
function shortPlatformName(platform: string, bureau: string): string {
  const rest = platform.startsWith(bureau) ? platform.slice(bureau.length) : platform.endsWith(`, ${bureau}`) ? platform.slice(0, -bureau.length - 2) : platform;
  return rest.trim() === '' ? platform : rest.trim();
}

interface Props {
  readonly lang: Lang;
  readonly onLang: (lang: Lang) => void;
  readonly care: boolean;
  readonly onCare: (care: boolean) => void;
}

export function Header({ lang, onLang, care, onCare }: Props) {
  const site = useSite();
  const zh = lang === 'zh';
  return (
    <header className="zt-header">
      <div className="zt-topbar">
        <div className="zt-tools">
          <button type="button" className="zt-tool" aria-pressed={care} onClick={() => onCare(!care)}>
            {zh ? '关怀模式' : 'Large text'}
          </button>
          <button type="button" className="zt-tool" lang={zh ? 'en' : 'zh-CN'} onClick={() => onLang(zh ? 'en' : 'zh')}>
            {zh ? 'English' : '中文'}
          </button>
        </div>
      </div>
      <div className="zt-header-inner">
        <Link to="/" className="zt-brand">
          <span className="zt-emblem" aria-hidden="true">
            12389
          </span>
          <span className="zt-brand-text">
            <span className="zt-bureau">{site.bureauName[lang]}</span>
            <span className="zt-centre">{shortPlatformName(site.platformName[lang], site.bureauName[lang])}</span>
          </span>
        </Link>
      </div>
    </header>
  );
}
