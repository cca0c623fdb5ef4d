/**
 * The background service worker: owns the database for content scripts, keeps
 * the profile in view per window, the badge, and the daily digest. The entrypoint
 * only calls `startBackground()`.
 */
import { browser } from 'wxt/browser';
import { liveQuery } from 'dexie';
import { getDb } from '../db/db';
import { requestPersistence } from '../db/errors';
import { reachOutList, refreshStaleSummaries } from '../db/queries';
import type { WriteContext } from '../db/writes';
import { findPersonByProfile } from '../db/read';
import { createListener } from '../messages/router';
import type { CardToggleMessage } from '../messages/types';
import type { PageIdentity, Profile } from '../model/types';
import type { RankedPerson } from '../relationship/rank';
import { REACH_SNAPSHOT_KEY, SNAPSHOT_ROWS, type ReachSnapshot } from '../ui/reach-snapshot';
import { snapshotPaint } from '../ui/reach-paint';
import { linkedInHandleFromUrl } from '../sites/identity';
import { getSettings, updateSettings, watchSettings } from '../settings/store';
import type { Settings } from '../model/settings';
import { resolveTimeZone } from '../settings/normalize';
import { resolveLang, translate } from '../i18n';
import { createHandler } from './handlers';
import { localParts, nextDigestCheck, shouldShowDigest } from './digest';
import { exportBackupText } from './data';
import { deleteAllData } from '../db/writes';
import { LAST_VIEW_KEY, VIEW_KEY_PREFIX, viewKey, type ViewState } from '../ui/view-state';
import { onSitePermissionsChanged, registeredSites, sitesWithoutAccess, startInOpenTabs, syncSiteScripts } from './sites';

const DIGEST_ALARM = 'kith-digest';
const DIGEST_NOTIFICATION = 'kith-digest';

async function writeContext(): Promise<WriteContext> {
  const s = await getSettings();
  return { now: Date.now(), timeZone: resolveTimeZone(s), circles: s.circles };
}

const MENU_PAGE = 'kith-page';
const MENU_LINK = 'kith-link';
const PROFILE_PATTERNS = ['https://www.linkedin.com/in/*'];

function menuLang() {
  return resolveLang(cachedSettings?.language, browser.i18n.getUILanguage());
}

/** "Kith: show notes for <name>" on LinkedIn profile pages, and on links to profiles. */
function createContextMenus(): void {
  void browser.contextMenus.removeAll().then(() => {
    browser.contextMenus.create({ id: MENU_PAGE, title: translate(menuLang(), 'menu_show_notes_link'), contexts: ['page'], documentUrlPatterns: PROFILE_PATTERNS });
    browser.contextMenus.create({ id: MENU_LINK, title: translate(menuLang(), 'menu_show_notes_link'), contexts: ['link'], targetUrlPatterns: PROFILE_PATTERNS });
  });
}

async function onMenuClicked(info: { menuItemId: string | number; linkUrl?: string; pageUrl?: string }, tab?: { id?: number; windowId?: number }): Promise<void> {
  if (info.menuItemId !== MENU_PAGE && info.menuItemId !== MENU_LINK) return;
  const b = browser as unknown as { sidePanel?: { open(o: { windowId: number }): Promise<void> }; sidebarAction?: { open(): Promise<void> } };
  // First, inside the user's gesture: open the panel.
  const opening = b.sidebarAction ? b.sidebarAction.open() : tab?.windowId !== undefined ? b.sidePanel?.open({ windowId: tab.windowId }) : undefined;
  const url = info.menuItemId === MENU_LINK ? info.linkUrl : info.pageUrl;
  const handle = url ? linkedInHandleFromUrl(url) : undefined;
  if (handle) {
    const found = await findPersonByProfile(getDb(), 'linkedin', handle);
    const identity: PageIdentity = { site: 'linkedin', handle, url: `https://www.linkedin.com/in/${encodeURIComponent(handle)}/`, ...(found ? { name: found.person.name } : {}) };
    await setView(tab?.windowId, info.menuItemId === MENU_PAGE ? tab?.id : undefined, identity);
  }
  await opening?.catch(() => undefined);
}

/** The manifest's LinkedIn script, started again in the LinkedIn tabs already open: background tabs first, the one in view last (its profile is what the side panel shows). */
async function reinjectLinkedIn(): Promise<void> {
  const scripting = (browser as unknown as { scripting?: { executeScript(o: { target: { tabId: number }; files: string[] }): Promise<unknown> } }).scripting;
  if (!scripting) return;
  const tabs = await browser.tabs.query({ url: 'https://www.linkedin.com/*' });
  const file = browser.runtime.getManifest().content_scripts?.find((c) => c.matches?.some((m) => m.includes('linkedin.com')))?.js?.[0];
  if (!file) return;
  const order = [...tabs.filter((t) => !t.active), ...tabs.filter((t) => t.active)];
  for (const tab of order) {
    if (tab.id === undefined || tab.discarded) continue;
    await scripting.executeScript({ target: { tabId: tab.id }, files: [file] }).catch(() => undefined);
  }
}

async function setView(windowId: number | undefined, tabId: number | undefined, identity: PageIdentity | null): Promise<void> {
  const key = viewKey(windowId);
  const prev = (await browser.storage.session.get(key))[key] as ViewState | undefined;
  if (!identity) {
    // The tab that showed the profile moved on: keep the person, mark it out of view.
    if (prev && prev.tabId === tabId && prev.inView) await browser.storage.session.set({ [key]: { ...prev, inView: false } });
    return;
  }
  const next: ViewState = { identity, inView: true, at: Date.now(), ...(tabId !== undefined ? { tabId } : {}) };
  await browser.storage.session.set({ [key]: next, [LAST_VIEW_KEY]: next });
  // The page's menu entry names the person in view.
  if (identity.site === 'linkedin' && identity.name) {
    void Promise.resolve(browser.contextMenus.update(MENU_PAGE, { title: translate(menuLang(), "menu_show_notes_for", { name: identity.name }) })).catch(() => undefined);
  }
}

/** A site turned off: the side panel stops showing the profile it last read there. */
async function forgetViewsOfSitesOff(s: Settings): Promise<void> {
  const all = await browser.storage.session.get(null);
  const gone = Object.entries(all)
    .filter(([key, v]) => key.startsWith(VIEW_KEY_PREFIX) && !s.sites[(v as ViewState | undefined)?.identity?.site ?? 'linkedin'])
    .map(([key]) => key);
  if (gone.length > 0) await browser.storage.session.remove(gone);
}

let badgeQueue = Promise.resolve();
function refreshBadge(): Promise<void> {
  // Serialised: many writes in a row must not race their badge texts.
  badgeQueue = badgeQueue.then(async () => {
    const ctx = await writeContext();
    const list = await reachOutList(getDb(), ctx);
    await setBadge(list.length);
    await writeSnapshot(list, ctx);
  }).catch(() => undefined);
  return badgeQueue;
}

async function writeSnapshot(list: RankedPerson[], ctx: WriteContext): Promise<void> {
  const items = list.slice(0, SNAPSHOT_ROWS);
  const rows = items.length ? await getDb().profiles.where('personId').anyOf(items.map((r) => r.person.id)).toArray() : [];
  const profiles: Record<string, Profile> = {};
  for (const p of rows) if (!p.deletedAt && (!profiles[p.personId] || p.site === 'linkedin')) profiles[p.personId] = p;
  const lang = resolveLang((cachedSettings ?? (await getSettings())).language, browser.i18n.getUILanguage());
  const paint = snapshotPaint(items, list.length, lang, ctx.now, ctx.timeZone);
  const snapshot: ReachSnapshot = { at: ctx.now, day: localParts(ctx.now, ctx.timeZone).day, count: list.length, items, profiles, paint };
  await browser.storage.session.set({ [REACH_SNAPSHOT_KEY]: snapshot });
}

async function setBadge(n: number): Promise<void> {
  await browser.action.setBadgeText({ text: n > 0 ? String(n) : '' });
  await browser.action.setBadgeBackgroundColor({ color: '#1f6f5c' });
}

async function scheduleDigest(): Promise<void> {
  const s = await getSettings();
  const when = nextDigestCheck(Date.now(), resolveTimeZone(s), s.digestTime, s.quietStart, s.quietEnd);
  await browser.alarms.create(DIGEST_ALARM, { when });
}

const CARD_SCRIPT_ID = 'kith-linkedin-card';

/** The in-page card's script runs on LinkedIn only while the user opted in to it. */
async function syncCardScript(s: Settings): Promise<void> {
  const scripting = (browser as unknown as { scripting?: typeof browser.scripting }).scripting;
  if (!scripting) return;
  const want = s.sites.linkedin && s.placement.linkedin === 'inpage';
  const have = (await scripting.getRegisteredContentScripts({ ids: [CARD_SCRIPT_ID] })).length > 0;
  if (want && !have) {
    await scripting.registerContentScripts([
      { id: CARD_SCRIPT_ID, matches: ['https://www.linkedin.com/*'], js: ['content-scripts/linkedin-card.js'], runAt: 'document_idle', persistAcrossSessions: true },
    ]);
  } else if (!want && have) {
    await scripting.unregisterContentScripts({ ids: [CARD_SCRIPT_ID] });
  }
}

/** Settings as last read, for decisions that must stay inside the user's gesture. */
let cachedSettings: Settings | undefined;

/** The keyboard shortcut: toggle the in-page card where the user chose it, else open the side panel. */
function onCommand(command: string, tab?: { id?: number; windowId?: number; url?: string }): void {
  if (command !== 'toggle-notes') return;
  const b = browser as unknown as { sidePanel?: { open(o: { windowId: number }): Promise<void> }; sidebarAction?: { toggle(): Promise<void> } };
  if (cachedSettings?.placement.linkedin === 'inpage' && tab?.id !== undefined && tab.url?.startsWith('https://www.linkedin.com/')) {
    void browser.tabs.sendMessage(tab.id, { type: 'card/toggle' } satisfies CardToggleMessage).catch(() => undefined);
    return;
  }
  // Called synchronously: Chrome and Firefox only open a panel inside the user's gesture.
  if (b.sidebarAction) void b.sidebarAction.toggle();
  else if (b.sidePanel && tab?.windowId !== undefined) void b.sidePanel.open({ windowId: tab.windowId }).catch(() => undefined);
}

export async function maybeShowDigest(): Promise<boolean> {
  const s = await getSettings();
  const db = getDb();
  const ctx = await writeContext();
  await refreshStaleSummaries(db, ctx);
  const waiting = (await reachOutList(db, ctx)).length;
  const last = (await db.meta.get('lastDigestDay'))?.value as string | undefined;
  const input = { now: ctx.now, timeZone: ctx.timeZone, digestTime: s.digestTime, quietStart: s.quietStart, quietEnd: s.quietEnd, enabled: s.digestEnabled, waiting, ...(last ? { lastDigestDay: last } : {}) };
  const show = shouldShowDigest(input);
  const { day, minutes } = localParts(ctx.now, ctx.timeZone);
  if (show) {
    const lang = resolveLang(s.language, browser.i18n.getUILanguage());
    await browser.notifications.create(DIGEST_NOTIFICATION, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: translate(lang, 'extName'),
      message: translate(lang, 'digest_message', { count: waiting }),
    });
    await db.meta.put({ key: 'lastDigestDay', value: day });
  } else if (waiting === 0 && last !== day && s.digestEnabled && minutes >= 0) {
    // Nothing to say today: nothing is shown (and nothing is owed later today).
  }
  await setBadge(waiting);
  return show;
}

export function startBackground(): void {
  const db = getDb();
  const listener = createListener(
    createHandler({
      db,
      ctx: writeContext,
      setView,
      refreshBadge,
      siteOn: async (site) => (await getSettings()).sites[site],
      exportAll: () => exportBackupText(db),
      deleteAll: () => deleteAllData(db),
      openPanel: async (windowId) => {
        const sp = (browser as unknown as { sidePanel?: { open(o: { windowId: number }): Promise<void> } }).sidePanel;
        if (sp && windowId !== undefined) await sp.open({ windowId });
      },
    }),
    { id: browser.runtime.id, origin: browser.runtime.getURL('/') },
  );
  browser.runtime.onMessage.addListener(listener as never);

  browser.runtime.onInstalled.addListener((details) => {
    void requestPersistence();
    createContextMenus();
    // After an update (or a reload) the LinkedIn tabs already open keep a script
    // that can no longer reach Kith: start the current one there, so the side
    // panel follows them without a refresh. (The opt-in in-page card asks for a
    // refresh instead: it would otherwise show twice.)
    if (details.reason === 'update') {
      void reinjectLinkedIn().catch(() => undefined);
      void registeredSites()
        .then((sites) => startInOpenTabs(sites))
        .catch(() => undefined);
    }
    // First run: the welcome page. On update nothing pops up (no change so far
    // needs the user's decision).
    if (details.reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => void onMenuClicked(info, tab));

  // Alarms do not survive every browser restart and a service worker can be
  // stopped at any time: re-create the alarm at every start, and show a digest
  // missed while the browser was closed.
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== DIGEST_ALARM) return;
    void maybeShowDigest().finally(() => void scheduleDigest());
  });
  browser.notifications.onClicked.addListener((id) => {
    if (id !== DIGEST_NOTIFICATION) return;
    const action = browser.action as unknown as { openPopup?: () => Promise<void> };
    void (action.openPopup?.() ?? Promise.reject(new Error('no openPopup'))).catch(() => browser.tabs.create({ url: browser.runtime.getURL('/popup.html') }));
    void browser.notifications.clear(id);
  });
  browser.commands.onCommand.addListener(onCommand as never);
  const onSettings = (s: Settings) => {
    cachedSettings = s;
    void forgetViewsOfSitesOff(s).catch(() => undefined);
    void syncCardScript(s).catch(() => undefined);
    void syncSiteScripts(s).catch(() => undefined);
  };
  // A site whose access the user removed in the browser is turned off in the
  // settings too (at start as well: it may have happened while Kith was not running).
  // Turning a site off goes through the settings, whose watcher syncs the scripts.
  const turnOffSitesWithoutAccess = async (s: Settings): Promise<boolean> => {
    const off = await sitesWithoutAccess(s);
    if (off.length > 0) await updateSettings((x) => ({ ...x, sites: { ...x.sites, ...Object.fromEntries(off.map((site) => [site, false])) } }));
    return off.length > 0;
  };
  onSitePermissionsChanged(
    () =>
      void getSettings()
        .then(async (s) => {
          if (!(await turnOffSitesWithoutAccess(s))) await syncSiteScripts(s);
        })
        .catch(() => undefined),
  );
  watchSettings((s) => {
    onSettings(s);
    void scheduleDigest();
    // The popup's first paint is in the snapshot's words: a new language, time zone or circle rhythm rewrites it.
    void refreshBadge();
  });
  // At start too: access may have been removed while Kith was not running.
  void getSettings()
    .then((s) => {
      onSettings(s);
      return turnOffSitesWithoutAccess(s);
    })
    .catch(() => undefined);
  void scheduleDigest();
  void maybeShowDigest();
  // The snapshot the popup paints from may be older than this worker (pages
  // write while it sleeps): bring it up to date at every start.
  void refreshBadge();

  // Extension pages write to the database directly; Dexie tells every context of
  // the origin about changes, so the badge follows them too.
  liveQuery(async () => {
    const ctx = await writeContext();
    return { list: await reachOutList(db, ctx), ctx };
  }).subscribe({
    next: ({ list, ctx }) => {
      void setBadge(list.length);
      void writeSnapshot(list, ctx).catch(() => undefined);
    },
    error: () => undefined,
  });
}
