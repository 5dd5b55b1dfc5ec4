// The console's root: language, Ant Design (zh-CN by default, its runtime styles under the CSP nonce),
// the query cache, and the gate that shows sign-in until the API says the session is authenticated.
import { QueryClient, QueryClientProvider, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Result, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { ApiError, get, request, setApiLanguage, setUnauthenticatedHandler } from '../api/client.js';
import type { Me } from '../api/types.js';
import { clearAllDrafts } from '../session/drafts.js';
import { setDateLocale } from './date-locale.js';
import { I18nProvider, useI18n, type Lang } from './i18n.js';
import { adminHome } from '../admin/admin-sections.js';
import { adminPath, auditPath, navigate, useRoute, workbenchPath } from './router.js';
import { Shell } from './shell.js';

const SignInPage = lazy(() => import('../auth/sign-in-page.js'));
const WorkbenchPage = lazy(() => import('../workbench/workbench-page.js'));
const CaseDetailPage = lazy(() => import('../case/case-detail-page.js'));
const PrintPage = lazy(() => import('../print/print-page.js'));
const StatsPage = lazy(() => import('../stats/stats-page.js'));
const FilteredListPage = lazy(() => import('../stats/filtered-list-page.js'));
const InboxPage = lazy(() => import('../intake/inbox-page.js'));
const RegisterPage = lazy(() => import('../intake/register-page.js'));
const AuditPage = lazy(() => import('../audit/audit-page.js'));
const AdminPage = lazy(() => import('../admin/admin-page.js'));

const THEME = {
  token: { colorPrimary: '#1f4e9c', borderRadius: 4, fontFamily: '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Helvetica Neue", Arial, sans-serif' },
  components: { Layout: { headerBg: '#0d3a7a', siderBg: '#ffffff', bodyBg: '#f0f2f5' } },
};

const LANG_KEY = 'zt-console-lang';

function initialLang(): Lang {
  return window.localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
}

type SignInStep = 'password' | 'totp' | 'enrol' | 'password_change';

function stepOf(err: ApiError): SignInStep {
  const stage = err.code === 'step_required' ? err.errors[0]?.code : undefined;
  return stage === 'totp' || stage === 'enrol' || stage === 'password_change' ? stage : 'password';
}

/** Replaces the address with `to` (an administrator's home instead of the 工作台). */
function Redirect(props: { to: string }): ReactNode {
  useEffect(() => navigate(props.to, { replace: true }), [props.to]);
  return null;
}

function Screens(props: { me: Me }): ReactNode {
  const route = useRoute();
  const { t } = useI18n();
  switch (route.name) {
    case 'workbench': {
      const home = adminHome(props.me.roles);
      if (home !== null) return <Redirect to={home === 'audit' ? auditPath() : adminPath(home)} />;
      return <WorkbenchPage me={props.me} queueKey={route.queue} />;
    }
    case 'case':
      return <CaseDetailPage key={route.caseNumber} me={props.me} caseNumber={route.caseNumber} />;
    case 'print':
      return <PrintPage key={`${route.caseNumber} ${route.kind}`} me={props.me} caseNumber={route.caseNumber} kind={route.kind} />;
    case 'stats':
      return <StatsPage me={props.me} />;
    case 'cases':
      return <FilteredListPage me={props.me} filter={route.filter} />;
    case 'inbox':
      return <InboxPage me={props.me} itemId={route.itemId} />;
    case 'register':
      return <RegisterPage key={route.call ?? ''} me={props.me} callId={route.call} />;
    case 'audit':
      return <AuditPage caseNumber={route.caseNumber} />;
    case 'admin':
      return <AdminPage key={route.section} section={route.section} />;
    case 'not_found':
      return <Result status="404" title={t('notFoundTitle')} extra={<a href={workbenchPath()}>{t('backToWorkbench')}</a>} />;
  }
}

function Gate(): ReactNode {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const me = useQuery<Me, ApiError>({ queryKey: ['me'], queryFn: () => get<Me>('/api/v1/me'), retry: false, staleTime: Infinity });
  useEffect(() => {
    setUnauthenticatedHandler(() => {
      // Only a session that existed can have ended; a first visit just signs in.
      if (queryClient.getQueryData(['me']) === undefined) return;
      setNotice(t('sessionEnded'));
      // Not cancelling a /me already on its way: its own 401 lands here too, and cancelling it to start
      // another would loop without ever showing the sign-in page.
      void queryClient.invalidateQueries({ queryKey: ['me'] }, { cancelRefetch: false });
    });
  }, [queryClient, t]);
  const signedIn = (): void => {
    setNotice(null);
    queryClient.clear();
    void me.refetch();
  };
  const signOut = async (): Promise<void> => {
    await request('POST', '/api/v1/auth/logout').catch(() => undefined);
    clearAllDrafts();
    queryClient.clear();
    navigate(workbenchPath(), { replace: true });
    await me.refetch();
  };
  const spinner = <Spin size="large" className="zt-page-spin" />;
  if (me.isPending) return spinner;
  if (me.error) {
    if (me.error.status !== 401 && me.error.code !== 'step_required') return <Result status="error" title={me.error.title} subTitle={me.error.detail} />;
    return (
      <Suspense fallback={spinner}>
        <SignInPage key={stepOf(me.error)} initialStep={stepOf(me.error)} notice={notice} onSignedIn={signedIn} />
      </Suspense>
    );
  }
  return (
    <Shell me={me.data} onSignOut={() => void signOut()}>
      <Suspense fallback={spinner}>
        <Screens me={me.data} />
      </Suspense>
    </Shell>
  );
}

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // The API's refusals are answers; only network hiccups are worth one more try.
      retry: (count, err) => count < 1 && err instanceof ApiError && err.status === 0,
      refetchOnWindowFocus: false,
      staleTime: 15_000,
    },
  },
});

export function Root(props: { nonce: string }): ReactNode {
  const [lang, setLangState] = useState<Lang>(initialLang);
  setApiLanguage(lang);
  setDateLocale(lang);
  const setLang = (next: Lang): void => {
    window.localStorage.setItem(LANG_KEY, next);
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    setApiLanguage(next);
    setDateLocale(next);
    setLangState(next);
    // Problem texts and labels come from the API in the request's language.
    void queryClient.invalidateQueries();
  };
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} csp={{ nonce: props.nonce }} theme={THEME}>
        <AntApp>
          <I18nProvider lang={lang} setLang={setLang}>
            <Gate />
          </I18nProvider>
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
