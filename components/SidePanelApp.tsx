import { PageErrorBoundary } from './PageErrorBoundary';
import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { browser } from 'wxt/browser';
import { getDb } from '@/lib/db/db';
import { addNote, addPerson, logTouch, setFollowUpDone, editPerson } from '@/lib/db/writes';
import { findPersonByProfile, personView } from '@/lib/db/read';
import { LAST_VIEW_KEY, viewKey, type ViewState } from '@/lib/ui/view-state';
import type { Person } from '@/lib/model/types';
import { safeHref } from '@/lib/ui/safe-url';
import { PersonPanel, type PanelActions } from './PersonPanel';
import { ReachOutToday } from './ReachOutToday';
import { NudgeBanner } from './NudgeBanner';
import { LinkPerson } from './LinkPerson';
import { useNow, usePageSettings } from './useSettings';
import { currentWriteCtx, useSettings } from './settings-store';
import { errorKey } from '@/lib/ui/write-ctx';
import { resolveTimeZone } from '@/lib/settings/normalize';
import { useT } from './i18n';
import { refreshBadge } from '@/lib/ui/badge';
import { warnFailed } from '@/lib/platform/warn';
import { PeopleSearchBox } from './search/PeopleSearchBox';
import type { PersonMatch } from '@/lib/ui/search-client';

/** The profile in view in this window, live from the background's session store. */
function useViewState(): ViewState | null | undefined {
  const [view, setView] = useState<ViewState | null | undefined>(undefined);
  useEffect(() => {
    let key = LAST_VIEW_KEY;
    let alive = true;
    const read = async () => {
      const got = await browser.storage.session.get([key, LAST_VIEW_KEY]);
      if (!alive) return;
      setView(((got[key] ?? got[LAST_VIEW_KEY]) as ViewState | undefined) ?? null);
    };
    void browser.windows
      .getCurrent()
      .then((w) => {
        key = viewKey(w.id);
      })
      // Without its window the panel shows the last view of any window: still right
      // for the one window most people have, and nothing the user can act on.
      .catch(warnFailed("reading the side panel's window"))
      .finally(() => void read());
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'session' && (key in changes || LAST_VIEW_KEY in changes)) void read();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      alive = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);
  return view;
}

/**
 * From a search: like a person in today's list (their profile in the tab, their
 * panel here) when they have a LinkedIn profile; anyone else opens in the options.
 */
async function openFound(match: PersonMatch): Promise<void> {
  const profiles = await getDb().profiles.where('personId').equals(match.id).toArray();
  if (profiles.some((p) => !p.deletedAt && p.site === 'linkedin')) return openPerson(match);
  await browser.tabs.create({ url: browser.runtime.getURL(`/options.html#/people/${encodeURIComponent(match.id)}`) });
}

/** From today's list: open the person's profile in this window's tab, and their panel here. */
async function openPerson(person: Pick<Person, 'id' | 'name'>): Promise<void> {
  const profile = (await getDb().profiles.where('personId').equals(person.id).toArray()).find((p) => !p.deletedAt && p.site === 'linkedin');
  const win = await browser.windows.getCurrent();
  const url = profile ? safeHref(profile.url ?? `https://www.linkedin.com/in/${encodeURIComponent(profile.handle)}/`) : undefined;
  let tabId: number | undefined;
  if (url) {
    const [active] = await browser.tabs.query({ active: true, windowId: win.id });
    const tab =
      active?.url?.startsWith('https://www.linkedin.com/') && active.id !== undefined
        ? await browser.tabs.update(active.id, { url })
        : await browser.tabs.create({ url, windowId: win.id });
    tabId = tab?.id;
  }
  if (!profile) return;
  const state: ViewState = {
    identity: { site: profile.site, handle: profile.handle, url: url ?? '', name: person.name },
    inView: true,
    at: Date.now(),
    ...(tabId !== undefined ? { tabId } : {}),
  };
  await browser.storage.session.set({ [viewKey(win.id)]: state, [LAST_VIEW_KEY]: state });
}

/** The page, inside the error boundary that keeps a way out when rendering fails. */
export function SidePanelApp() {
  return (
    <PageErrorBoundary>
      <SidePanelPage />
    </PageErrorBoundary>
  );
}

function SidePanelPage() {
  const loaded = usePageSettings('sidePanelTitle');
  const timeZone = useSettings(resolveTimeZone);
  const circles = useSettings((s) => s.circles);
  const t = useT();
  const now = useNow();
  const view = useViewState();
  const [error, setError] = useState<string>();
  const [showLast, setShowLast] = useState(false);
  const identity = view?.identity;
  useEffect(() => setShowLast(false), [view?.inView, identity?.handle]);
  const db = getDb();
  const found = useLiveQuery(async () => {
    if (!identity) return null;
    const hit = await findPersonByProfile(db, identity.site, identity.handle);
    return hit ? ((await personView(db, hit.person.id)) ?? null) : null;
  }, [identity?.site, identity?.handle]);

  if (!loaded || view === undefined || (identity && found === undefined)) return <p className="loading">{t('loading')}</p>;

  // No profile in view (the tab that showed one moved on): today's list instead of
  // an empty page, with the way back to the last person.
  if (!identity || (!view?.inView && !showLast)) {
    return (
      <main className="sidepanel">
        {identity && (
          <p className="panel-switch">
            <button type="button" className="link" onClick={() => setShowLast(true)}>
              {t('panel_open_person', { name: identity.name ?? identity.handle })}
            </button>
          </p>
        )}
        <NudgeBanner now={now} />
        <PeopleSearchBox onOpen={(m) => void openFound(m).catch(warnFailed('opening a person'))}>
          <ReachOutToday now={now} place="sidepanel" onOpenPerson={(p) => void openPerson(p)} />
        </PeopleSearchBox>
      </main>
    );
  }

  const run = async (fn: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await fn();
      refreshBadge();
    } catch (err) {
      setError(errorKey(err));
    }
  };
  const personId = found?.person.id;
  const actions: PanelActions = {
    onAdd: ({ name, howWeMet }) =>
      run(() =>
        addPerson(
          db,
          {
            name,
            howWeMet,
            identity,
            ...(identity.headline ? { headline: identity.headline } : {}),
            ...(identity.location ? { location: identity.location } : {}),
            ...(identity.photoUrl ? { photoUrl: identity.photoUrl } : {}),
          },
          currentWriteCtx(),
        ),
      ),
    onLogTouch: ({ channel, at, note }) =>
      run(() => logTouch(db, { personId: personId!, channel, at, note, source: 'manual', depth: 'personal', site: identity.site }, currentWriteCtx())),
    onAddNote: (input) => run(() => addNote(db, { personId: personId!, ...input }, currentWriteCtx())),
    onFollowUpDone: (noteId, done) => run(() => setFollowUpDone(db, noteId, done, currentWriteCtx())),
    onUpdate: (patch) => run(() => editPerson(db, personId!, patch, currentWriteCtx())),
    onOpenOptions: (id) => void browser.tabs.create({ url: browser.runtime.getURL(`/options.html#/people/${encodeURIComponent(id)}`) }),
  };
  return (
    <main className="sidepanel">
      <NudgeBanner now={now} />
      {found ? (
        <PersonPanel
          state="known"
          view={found}
          identity={identity}
          now={now}
          timeZone={timeZone}
          circles={circles}
          actions={actions}
          error={error}
          extra={<LinkPerson key={found.person.id} identity={identity} personId={found.person.id} />}
        />
      ) : (
        <PersonPanel
          state="unknown"
          identity={identity}
          now={now}
          timeZone={timeZone}
          circles={circles}
          actions={actions}
          error={error}
          extra={<LinkPerson key={`${identity.site}:${identity.handle}`} identity={identity} />}
        />
      )}
    </main>
  );
}
