/**
 * The options page: a thin shell with in-page navigation by hash (#/settings,
 * #/people, #/people/<id>, #/import, #/backup, #/sync); each section lives in
 * components/options/.
 */
import { PageErrorBoundary } from './PageErrorBoundary';
import type { MessageKey } from '@/lib/i18n';
import { useT } from './i18n';
import { BackupSection } from './options/Backup';
import { ImportSection } from './options/Import';
import { PeopleList } from './options/PeopleList';
import { PersonEditor } from './options/person-editor';
import { navigate, type Route } from '@/lib/ui/route';
import { useRoute } from './options/useRoute';
import { SettingsSection } from './options/Settings';
import { SyncSection } from './options/Sync';
import { useSyncWhileOpen } from './SyncAlert';
import { ToastHost } from './options/toast';
import { usePageSettings } from './useSettings';
import './options/options.css';

const NAV: Array<{ route: Route; key: MessageKey }> = [
  { route: { section: 'people' }, key: 'options_people' },
  { route: { section: 'import' }, key: 'options_import' },
  { route: { section: 'backup' }, key: 'options_backup' },
  { route: { section: 'sync' }, key: 'sync_nav' },
  { route: { section: 'settings' }, key: 'options_settings' },
];

/** The page, inside the error boundary that keeps a way out when rendering fails. */
export function OptionsApp() {
  return (
    <PageErrorBoundary>
      <OptionsPage />
    </PageErrorBoundary>
  );
}

function OptionsPage() {
  const loaded = usePageSettings();
  const t = useT();
  const route = useRoute();
  useSyncWhileOpen();
  if (!loaded) return <p className="loading">{t('loading')}</p>;
  const current = route.section === 'person' ? 'people' : route.section;
  return (
    <main className="options-main">
      <h1>{t('options_title')}</h1>
      <p className="muted">{t('options_promise')}</p>
      <nav aria-label={t('options_nav')} className="options-nav">
        {NAV.map((n) => (
          <button
            key={n.route.section}
            type="button"
            className={n.route.section === current ? 'tab current' : 'tab'}
            aria-current={n.route.section === current ? 'page' : undefined}
            onClick={() => navigate(n.route)}
          >
            {t(n.key)}
          </button>
        ))}
      </nav>
      {route.section === 'settings' && <SettingsSection />}
      {route.section === 'people' && <PeopleList />}
      {route.section === 'person' && <PersonEditor key={route.id} id={route.id} />}
      {route.section === 'import' && <ImportSection />}
      {route.section === 'backup' && <BackupSection />}
      {route.section === 'sync' && <SyncSection />}
      <ToastHost />
    </main>
  );
}
