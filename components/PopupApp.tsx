import { lazy, Suspense, useState } from 'react';
import { PageErrorBoundary } from './PageErrorBoundary';
import { browser } from 'wxt/browser';
import { browserPlatform, openPanel } from '@/lib/platform/browser';
import { ReachOutToday } from './ReachOutToday';
import { ToastHost } from './toast';
import { SyncAlert, useSyncWhileOpen } from './SyncAlert';
import { useNow, usePageSettings } from './useSettings';
import { useT } from './i18n';
import type { Settings } from '@/lib/model/settings';
import type { ReachSnapshot } from '@/lib/ui/reach-snapshot';
import { warnFailed } from '@/lib/platform/warn';
import { PeopleSearchBox } from './search/PeopleSearchBox';
import type { PersonMatch } from '@/lib/ui/search-client';

/** A search result opens the person's page in the options (anyone can be there, with a profile or without). */
export async function openPersonEditor(person: Pick<PersonMatch, 'id'>): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL(`/options.html#/people/${encodeURIComponent(person.id)}`) });
}

/** Open the side panel for this window. Must run inside the user's click (Chrome requires a gesture). */
export async function openSidePanel(): Promise<void> {
  const p = browserPlatform();
  // Firefox's sidebar first, before any await: it opens only inside the gesture.
  if (p.sidebarAction) return p.sidebarAction.open();
  const win = await browser.windows.getCurrent();
  await openPanel(p, win.id);
}

/** The add form and the database code it writes with load when asked for: the popup's first paint needs neither. */
const AddPersonForm = lazy(() => import('./AddPersonForm').then((m) => ({ default: m.AddPersonForm })));

/** A person's page in the options, in a new tab. */
function openInOptions(personId: string): void {
  void browser.tabs.create({ url: browser.runtime.getURL(`/options.html#/people/${encodeURIComponent(personId)}`) });
}

/** What the popup read before React rendered (see entrypoints/popup/main.tsx). */
export interface PopupBoot {
  settings: Settings;
  snapshot: ReachSnapshot | null;
}

/** The popup, inside the error boundary that keeps a way out when rendering fails. */
export function PopupApp({ boot }: { boot?: PopupBoot }) {
  return (
    <PageErrorBoundary>
      <PopupPage boot={boot} />
    </PageErrorBoundary>
  );
}

function PopupPage({ boot }: { boot?: PopupBoot | undefined }) {
  const loaded = usePageSettings('actionTitle');
  useSyncWhileOpen();
  const now = useNow();
  const t = useT();
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<{ personId: string; text: string }>();
  if (!loaded) return <p className="loading">{t('loading')}</p>;
  return (
    <main className="popup-main">
      <div className="popup-bar">
        <button
          type="button"
          className="primary"
          onClick={() =>
            void openSidePanel()
              .then(() => window.close())
              .catch(warnFailed('opening the side panel'))
          }
        >
          {t('popup_open_panel')}
        </button>
        <button
          type="button"
          aria-expanded={adding}
          onClick={() => {
            setAdding((v) => !v);
            setAdded(undefined);
          }}
        >
          {t('add_someone')}
        </button>
        <button type="button" className="link" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('popup_options')}
        </button>
      </div>
      <SyncAlert onOpened={() => window.close()} />
      {added && (
        <p role="status" className="popup-added">
          {added.text}{' '}
          <button type="button" className="link" onClick={() => openInOptions(added.personId)}>
            {t('add_open')}
          </button>
        </p>
      )}
      {adding && (
        <Suspense fallback={<p className="loading">{t('loading')}</p>}>
          <AddPersonForm
            compact
            onSaved={(r) => {
              setAdding(false);
              setAdded({ personId: r.personId, text: t(r.merged ? 'add_merged' : 'add_saved', { name: r.name }) });
            }}
            onOpen={openInOptions}
            onCancel={() => setAdding(false)}
          />
        </Suspense>
      )}
      <PeopleSearchBox
        onOpen={(m) =>
          void openPersonEditor(m)
            .then(() => window.close())
            .catch(warnFailed('opening a person'))
        }
      >
        <ReachOutToday now={now} place="popup" {...(boot ? { initialSnapshot: boot.snapshot } : {})} />
      </PeopleSearchBox>
      <ToastHost />
    </main>
  );
}
