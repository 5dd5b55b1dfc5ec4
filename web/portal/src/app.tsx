// The portal's frame: the bureau's header, the red 110 strip on every page, the page, the footer.
import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { setApiLanguage } from './api.js';
import { initialLang, LangContext, rememberLang, useT, type Lang } from './i18n.js';
import { Home } from './pages/home.js';
import { NotFound } from './pages/not-found.js';
import { useRoute, type Route } from './router.js';
import { SiteContext, useLoadedSite } from './site.js';
import { Footer } from './ui/footer.js';
import { Header } from './ui/header.js';
import { Loading } from './ui/states.js';
import { useOnline } from './ui/online.js';

const ReportPage = lazy(() => import('./report/report-page.js').then((m) => ({ default: m.ReportPage })));
const ReceiptPage = lazy(() => import('./pages/receipt.js').then((m) => ({ default: m.ReceiptPage })));
const TrackPage = lazy(() => import('./track/track-page.js').then((m) => ({ default: m.TrackPage })));
const NoticePage = lazy(() => import('./pages/notice.js').then((m) => ({ default: m.NoticePage })));
const ContactPage = lazy(() => import('./pages/contact.js').then((m) => ({ default: m.ContactPage })));
const StatsPage = lazy(() => import('./pages/stats.js').then((m) => ({ default: m.StatsPage })));

const CARE_KEY = 'zt-portal-care';

function initialCare(): boolean {
  try {
    return localStorage.getItem(CARE_KEY) === '1';
  } catch {
    return false;
  }
}

function page(route: Route): ReactNode {
  switch (route.page) {
    case 'home':
      return <Home />;
    case 'report':
      return <ReportPage key={route.type} type={route.type} />;
    case 'receipt':
      return <ReceiptPage />;
    case 'track':
      return <TrackPage />;
    case 'notice':
      return <NoticePage />;
    case 'contact':
      return <ContactPage />;
    case 'stats':
      return <StatsPage />;
    case 'not_found':
      return <NotFound />;
  }
}

function EmergencyStrip() {
  const t = useT();
  return (
    <p className="zt-emergency" role="note">
      {t('如遇紧急情况或正在发生的违法犯罪，请直接拨打110；本平台不受理报警。', 'In an emergency or if a crime is happening now, call 110 at once. This platform does not take emergency calls.')}
    </p>
  );
}

function OfflineBanner() {
  const t = useT();
  const online = useOnline();
  if (online) return null;
  return (
    <p className="zt-offline" role="status">
      {t('网络已断开。您填写的内容仍保留在本页，网络恢复后可继续提交。', 'You are offline. What you typed stays on this page; submit again when the connection is back.')}
    </p>
  );
}

export function App() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [care, setCare] = useState(initialCare);
  const site = useLoadedSite();
  const route = useRoute();
  setApiLanguage(lang);

  useEffect(() => rememberLang(lang), [lang]);
  // A screen reader hears the new page, not the old position: focus moves to it after a navigation.
  const firstRoute = useRef(true);
  useEffect(() => {
    if (firstRoute.current) {
      firstRoute.current = false;
      return;
    }
    document.getElementById('main')?.focus();
  }, [route]);
  useEffect(() => {
    document.documentElement.classList.toggle('zt-care', care);
    try {
      localStorage.setItem(CARE_KEY, care ? '1' : '0');
    } catch {
      // Storage refused: the mode lasts for this page only.
    }
  }, [care]);
  useEffect(() => {
    document.title = site.platformName[lang];
  }, [site, lang]);

  return (
    <LangContext.Provider value={lang}>
      <SiteContext.Provider value={site}>
        <a className="zt-skip" href="#main">
          {lang === 'zh' ? '跳到主要内容' : 'Skip to content'}
        </a>
        <Header lang={lang} onLang={setLang} care={care} onCare={setCare} />
        <EmergencyStrip />
        <OfflineBanner />
        <main id="main" className="zt-main" tabIndex={-1}>
          <Suspense fallback={<Loading />}>{page(route)}</Suspense>
        </main>
        <Footer />
      </SiteContext.Provider>
    </LangContext.Provider>
  );
}
