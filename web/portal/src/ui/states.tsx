import type { ApiError } from '../api.js';
import { useT } from '../i18n.js';

export function Loading({ label }: { label?: string }) {
  const t = useT();
  return (
    <p className="zt-loading" role="status" aria-live="polite">
      <span className="zt-spinner" aria-hidden="true" />
      {label ?? t('正在加载…', 'Loading…')}
    </p>
  );
}

/** The API's own words for a refusal; never a stack trace or a proxy's page. */
export function ErrorBox({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const t = useT();
  return (
    <div className="zt-error" role="alert">
      <p className="zt-error-title">{error.title}</p>
      {error.detail !== '' && <p>{error.detail}</p>}
      {onRetry && (
        <button type="button" className="zt-btn zt-btn-secondary" onClick={onRetry}>
          {t('重试', 'Try again')}
        </button>
      )}
    </div>
  );
}
