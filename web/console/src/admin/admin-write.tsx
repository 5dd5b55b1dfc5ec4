// What every administration screen shares: one write helper over the api client (CSRF, language, the
// API's problem+json kept for the screen and put on the form's fields), the refusal shown in the API's
// own words, and the page frame. The API decides; these screens only say what it answered.
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Typography, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { ApiError, request, type Method } from '../api/client.js';
import type { Bilingual } from '../api/types.js';
import { namePathOf } from '../actions/form-values.js';
import { useI18n } from '../app/i18n.js';

export interface AdminWrite {
  /** Sends one write; resolves with the answer, or null after a refusal (kept in `problem`). */
  readonly send: <T>(method: Exclude<Method, 'GET'>, path: string, body?: unknown, o?: { done?: Bilingual; form?: FormInstance }) => Promise<T | null>;
  readonly problem: ApiError | null;
  readonly busy: boolean;
  readonly clear: () => void;
}

/** Writes for one screen; every success refreshes the queries under `invalidate`. */
export function useAdminWrite(invalidate: readonly (readonly unknown[])[]): AdminWrite {
  const { message } = App.useApp();
  const { pick } = useI18n();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  return {
    problem,
    busy,
    clear: () => setProblem(null),
    async send<T>(method: Exclude<Method, 'GET'>, path: string, body?: unknown, o: { done?: Bilingual; form?: FormInstance } = {}): Promise<T | null> {
      setBusy(true);
      setProblem(null);
      try {
        const res = await request<T>(method, path, body);
        for (const key of invalidate) void queryClient.invalidateQueries({ queryKey: key });
        message.success(pick(o.done ?? { zh: '操作成功', en: 'Done' }));
        return res.body;
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        setProblem(err);
        if (o.form !== undefined && err.errors.length > 0) o.form.setFields(err.errors.map((e) => ({ name: namePathOf(e.path), errors: [e.message] })));
        return null;
      } finally {
        setBusy(false);
      }
    },
  };
}

/** The API's refusal: its title, its detail and every field message (a field may not be on the screen). */
export function ProblemAlert(props: { problem: ApiError | null; onClose?: () => void }): ReactNode {
  const p = props.problem;
  if (p === null) return null;
  const fields = p.errors.map((e) => e.message).filter((m) => m !== '' && m !== p.detail);
  return (
    <Alert
      className="zt-dialog-alert"
      type="error"
      showIcon
      closable={props.onClose === undefined ? false : { onClose: props.onClose }}
      title={p.title}
      description={[p.detail, ...fields].join(' ')}
      data-testid="admin-problem"
    />
  );
}

/** The title of an administration screen, with who keeps it (系统管理员 …) beside it. */
export function AdminTitle(props: { title: Bilingual; keeper: Bilingual; extra?: ReactNode }): ReactNode {
  const { pick } = useI18n();
  return (
    <div className="zt-admin-title">
      <Typography.Title level={4} className="zt-page-title">
        {pick(props.title)}
        <Typography.Text type="secondary" className="zt-admin-keeper">
          {pick(props.keeper)}
        </Typography.Text>
      </Typography.Title>
      {props.extra}
    </div>
  );
}

export const KEEPERS = {
  sysadmin: { zh: '系统管理员维护', en: 'Kept by the system administrator' },
  secadmin: { zh: '安全管理员维护', en: 'Kept by the security administrator' },
  auditor: { zh: '审计管理员查阅', en: 'Read by the auditor' },
} as const satisfies Record<string, Bilingual>;
