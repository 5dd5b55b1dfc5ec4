import { useT } from '../i18n.js';
import { Link } from '../ui/link.js';

export function NotFound() {
  const t = useT();
  return (
    <section className="zt-card zt-center">
      <h1>{t('页面不存在', 'Page not found')}</h1>
      <p>{t('您访问的页面不存在或已移动。', 'The page you asked for does not exist or has moved.')}</p>
      <Link to="/" className="zt-btn zt-btn-primary">
        {t('返回首页', 'Back to the home page')}
      </Link>
    </section>
  );
}
