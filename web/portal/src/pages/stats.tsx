import { useT } from '../i18n.js';

export function StatsPage() {
  const t = useT();
  return (
    <section className="zt-card">
      <h1>{t('数据公开', 'Statistics')}</h1>
    </section>
  );
}
