import { PageErrorBoundary } from './PageErrorBoundary';
import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { browser } from 'wxt/browser';
import { getDb } from '@/lib/db/db';
import { addNote, addPerson, logTouch, setFollowUpDone, editPerson } from '@/lib/db/writes';
import { findPersonByProfile, personView, type PersonView } from '@/lib/db/read';
import { LAST_VIEW_KEY, viewKey, type ViewState } from '@/lib/ui/view-state';
import type { Person, SiteId } from '@/lib/model/types';
import { pendingCaptureItem, type PendingCapture } from '@/lib/ui/capture';
import { safeHref } from '@/lib/ui/safe-url';
import { PersonPanel, type PanelActions } from './PersonPanel';
import { ReachOutToday } from './ReachOutToday';
import { SyncAlert, useSyncWhileOpen } from './SyncAlert';
import { NudgeBanner } from './NudgeBanner';
import { LinkPerson } from './LinkPerson';
import { PersonDates } from './PersonDates';
import { Timeline } from './Timeline';
import { AddPersonForm } from './AddPersonForm';
import { CapturePicker } from './CapturePicker';
import { useNow, usePageSettings } from './useSettings';
import { currentWriteCtx, useSettings } from './settings-store';
import { errorKey } from '@/lib/ui/write-ctx';
import { resolveTimeZone } from '@/lib/settings/normalize';
import { useT } from './i18n';
import { refreshBadge } from '@/lib/ui/badge';
import { warnFailed } from '@/lib/platform/warn';
import { ToastHost } from './toast';
import { runUndoable } from './undoable';
import { PeopleSearchBox } from './search/PeopleSearchBox';

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
 * From today's list: open the person's LinkedIn profile in this window's tab, and
 * their panel here. False when they have no LinkedIn profile: the panel then shows
 * them itself.
 */
async function openPerson(person: Pick<Person, 'id' | 'name'>): Promise<boolean> {
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
  if (!profile) return false;
  const state: ViewState = {
    identity: { site: profile.site, handle: profile.handle, url: url ?? '', name: person.name },
    inView: true,
    at: Date.now(),
    ...(tabId !== undefined ? { tabId } : {}),
  };
  await browser.storage.session.set({ [viewKey(win.id)]: state, [LAST_VIEW_KEY]: state });
  return true;
}

/** What the context menu captured on a page and the user has not saved or discarded yet. */
function usePendingCapture(): PendingCapture | null | undefined {
  const [capture, setCapture] = useState<PendingCapture | null>();
  useEffect(() => {
    let alive = true;
    void pendingCaptureItem.getValue().then((v) => alive && setCapture(v));
    const stop = pendingCaptureItem.watch((v) => setCapture(v));
    return () => {
      alive = false;
      stop();
    };
  }, []);
  return capture;
}

const dropCapture = () => void pendingCaptureItem.removeValue().catch(warnFailed('discarding a captured text'));

/** The page, inside the error boundary that keeps a way out when rendering fails. */
export function SidePanelApp() {
  return (
    <PageErrorBoundary>
      <SidePanelPage />
      <ToastHost />
    </PageErrorBoundary>
  );
}

function SidePanelPage() {
  const loaded = usePageSettings('sidePanelTitle');
  useSyncWhileOpen();
  const timeZone = useSettings(resolveTimeZone);
  const circles = useSettings((s) => s.circles);
  const t = useT();
  const now = useNow();
  const view = useViewState();
  const capture = usePendingCapture();
  const [error, setError] = useState<string>();
  const [showLast, setShowLast] = useState(false);
  const [adding, setAdding] = useState(false);
  // A person shown by id: one without a LinkedIn profile opened from the list, or just added or captured to.
  const [opened, setOpened] = useState<string>();
  const [status, setStatus] = useState<string>();
  const identity = view?.identity;
  useEffect(() => {
    setShowLast(false);
    setOpened(undefined);
  }, [view?.inView, identity?.handle]);
  const db = getDb();
  const found = useLiveQuery(async () => {
    if (!identity) return null;
    const hit = await findPersonByProfile(db, identity.site, identity.handle);
    return hit ? ((await personView(db, hit.person.id)) ?? null) : null;
  }, [identity?.site, identity?.handle]);
  const openedView = useLiveQuery(async () => (opened ? ((await personView(db, opened)) ?? null) : null), [opened]);

  if (!loaded || view === undefined || capture === undefined || (identity && found === undefined)) return <p className="loading">{t('loading')}</p>;

  const run = async (fn: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await fn();
      refreshBadge();
    } catch (err) {
      setError(errorKey(err));
    }
  };
  /** A write the user may take back: run with undo, then offered in a toast. */
  const undoable = (write: () => Promise<unknown>, text: string) => run(() => runUndoable(write, text));
  const show = (personId: string, words?: string) => {
    setAdding(false);
    setStatus(words);
    setOpened(personId);
  };
  const actionsFor = (personId: string | undefined, name: string, site?: SiteId): PanelActions => ({
    onAdd: ({ name, howWeMet }) =>
      run(() =>
        addPerson(
          db,
          {
            name,
            howWeMet,
            ...(identity
              ? {
                  identity,
                  ...(identity.headline ? { headline: identity.headline } : {}),
                  ...(identity.location ? { location: identity.location } : {}),
                  ...(identity.photoUrl ? { photoUrl: identity.photoUrl } : {}),
                }
              : {}),
          },
          currentWriteCtx(),
        ),
      ),
    onLogTouch: ({ channel, at, note }) =>
      undoable(
        () => logTouch(db, { personId: personId!, channel, at, note, source: 'manual', depth: 'personal', ...(site ? { site } : {}) }, currentWriteCtx()),
        t('undo_logged', { name }),
      ),
    onAddNote: (input) => undoable(() => addNote(db, { personId: personId!, ...input }, currentWriteCtx()), t('undo_note_added', { name })),
    onFollowUpDone: (noteId, done) => run(() => setFollowUpDone(db, noteId, done, currentWriteCtx())),
    onUpdate: (patch) => run(() => editPerson(db, personId!, patch, currentWriteCtx())),
    onOpenOptions: (id) => void browser.tabs.create({ url: browser.runtime.getURL(`/options.html#/people/${encodeURIComponent(id)}`) }),
  });

  // A text or contact captured from a page waits for a person: it comes first.
  if (capture) {
    return (
      <main className="sidepanel">
        <CapturePicker
          key={capture.at}
          capture={capture}
          onDone={(personId, name) => {
            dropCapture();
            show(personId, t('capture_saved', { name }));
          }}
          onDiscard={dropCapture}
          onOpen={(personId) => {
            dropCapture();
            show(personId);
          }}
        />
      </main>
    );
  }

  if (opened && openedView) {
    return (
      <main className="sidepanel">
        <p className="panel-switch">
          <button
            type="button"
            className="link"
            onClick={() => {
              setOpened(undefined);
              setStatus(undefined);
            }}
          >
            {t('add_back_to_list')}
          </button>
        </p>
        {status && <p role="status">{status}</p>}
        <PersonPanel
          state="known"
          view={openedView}
          now={now}
          timeZone={timeZone}
          circles={circles}
          actions={actionsFor(openedView.person.id, openedView.person.name)}
          error={error}
          extra={<DatesAndTimeline view={openedView} now={now} timeZone={timeZone} />}
        />
      </main>
    );
  }

  // No profile in view (the tab that showed one moved on): today's list instead of
  // an empty page, with the way back to the last person, and a way to add someone.
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
        <SyncAlert />
        {adding ? (
          <AddPersonForm
            onSaved={(r) => show(r.personId, t(r.merged ? 'add_merged' : 'add_saved', { name: r.name }))}
            onOpen={(id) => show(id)}
            onCancel={() => setAdding(false)}
          />
        ) : (
          <p className="panel-add">
            <button type="button" onClick={() => setAdding(true)}>
              {t('add_someone')}
            </button>
          </p>
        )}
        <NudgeBanner now={now} />
        <PeopleSearchBox onOpen={(m) => void openPerson(m).then((viaProfile) => viaProfile || show(m.id), warnFailed('opening a person'))}>
          <ReachOutToday
            now={now}
            place="sidepanel"
            onOpenPerson={(p) => void openPerson(p).then((viaProfile) => viaProfile || show(p.id), warnFailed('opening a person'))}
          />
        </PeopleSearchBox>
      </main>
    );
  }

  const actions = actionsFor(found?.person.id, found?.person.name ?? '', identity.site);
  return (
    <main className="sidepanel">
      <SyncAlert />
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
          extra={
            <>
              <DatesAndTimeline view={found} now={now} timeZone={timeZone} />
              <LinkPerson key={found.person.id} identity={identity} personId={found.person.id} />
            </>
          }
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

/** A known person's dates and timeline, as the side panel shows them for anyone it shows: with a profile in view or opened by id. */
function DatesAndTimeline({ view, now, timeZone }: { view: PersonView; now: number; timeZone: string }) {
  return (
    <>
      <PersonDates person={view.person} now={now} timeZone={timeZone} heading="h2" afterWrite={refreshBadge} />
      <Timeline view={view} now={now} timeZone={timeZone} heading="h2" afterWrite={refreshBadge} />
    </>
  );
}
