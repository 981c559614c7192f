import { useEffect, useRef, type MouseEvent } from 'react';
import { AppInfoLine } from './components/AppInfoLine';
import { JobNotifications } from './components/notify/JobNotifications';
import { SideNav } from './components/SideNav';
import { useHashRoute } from './hooks/use-hash-route';
import { NotFoundPage } from './pages/NotFoundPage';
import { defaultRoute, findRoute, routeGroups } from './pages/routes';

export function App() {
  const path = useHashRoute(defaultRoute);
  const route = findRoute(path);
  const Page = route?.Page ?? NotFoundPage;
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    document.title = route ? `${route.label} · Skylift` : 'Skylift';
    // After a navigation, put focus at the new page so keyboard and screen-reader users land there.
    if (firstRender.current) firstRender.current = false;
    else mainRef.current?.focus();
  }, [path, route]);

  // The skip link must not change the hash: the hash is the route.
  const skipToContent = (event: MouseEvent) => {
    event.preventDefault();
    mainRef.current?.focus();
  };

  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={skipToContent}>
        Skip to content
      </a>
      <aside className="sidebar">
        <div className="brand">Skylift</div>
        <SideNav groups={routeGroups} current={path} />
        <footer className="sidebar-footer">
          <AppInfoLine />
        </footer>
      </aside>
      <main id="main" className="main" ref={mainRef} tabIndex={-1}>
        <div className="page">
          <Page key={path} />
        </div>
      </main>
      <JobNotifications />
    </div>
  );
}
