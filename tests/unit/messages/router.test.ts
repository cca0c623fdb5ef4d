import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandler } from '@/lib/background/handlers';
import type { NudgeEnv } from '@/lib/background/nudges';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/model/settings';
import { CURRENT_NUDGE_KEY } from '@/lib/nudges/session';
import { readMutedPeople } from '@/lib/db/read';
import { addNote, addPerson, updateNoteText } from '@/lib/db/writes';
import type { KithDB } from '@/lib/db/db';
import { createListener, senderKind, type SenderInfo } from '@/lib/messages/router';
import type { Reply } from '@/lib/messages/types';
import type { PageIdentity } from '@/lib/model/types';
import { ctxAt, freshDb } from '@/tests/unit/db/helpers';
import { touchesOfPerson } from '@/lib/db/touch-ranges';

const OWN = { id: 'kith-id', origin: 'chrome-extension://kith-id/' };
const contentSender: SenderInfo = { id: OWN.id, url: 'https://www.linkedin.com/in/ada-example/', tab: { id: 7, windowId: 1 } };
const pageSender: SenderInfo = { id: OWN.id, url: 'chrome-extension://kith-id/sidepanel.html' };
const foreignSender: SenderInfo = { id: 'someone-else', url: 'https://evil.example/', tab: { id: 9 } };

let db: KithDB;
let views: { windowId?: number; tabId?: number; identity: PageIdentity | null }[];
let exported = 0;
let deleted = 0;

let sitesOn: Record<string, boolean> | undefined;
/** What each tab shows now (by tab id), and the links of its page; undefined: the handler is not given them. */
let tabUrls: Record<number, string> | undefined;
let pageHrefs: Record<number, string[]> | undefined;
let nudgeSession: Map<string, unknown>;

function listener() {
  return createListener(
    createHandler({
      db,
      ctx: async () => ctxAt(),
      ...(sitesOn ? { siteOn: async (site: string) => sitesOn![site] ?? false } : {}),
      ...(tabUrls ? { tabUrl: async (tabId: number) => tabUrls![tabId] } : {}),
      ...(pageHrefs ? { pageLinks: async (tabId: number) => pageHrefs![tabId] ?? [] } : {}),
      nudgeEnv: {
        settings: async () => DEFAULT_SETTINGS,
        switchKindOff: async () => undefined,
        getSession: async <T>(key: string) => nudgeSession.get(key) as T | undefined,
        setSession: async (key: string, value: unknown) => {
          if (value === null || value === undefined) nudgeSession.delete(key);
          else nudgeSession.set(key, value);
        },
      },
      setView: async (windowId, tabId, identity) => {
        views.push({ windowId, tabId, identity });
      },
      refreshBadge: async () => undefined,
      exportAll: async () => {
        exported++;
        return '{}';
      },
      deleteAll: async () => {
        deleted++;
      },
      search: async (query) => ({ state: 'ready', results: [{ id: 'p1', name: `found ${query}` }], ms: 1 }),
    }),
    OWN,
  );
}

/** Call the listener the way the browser does and wait for its reply. */
function ask(msg: unknown, sender: SenderInfo): Promise<Reply> {
  return listener()(msg, sender);
}

beforeEach(() => {
  db = freshDb();
  sitesOn = undefined;
  tabUrls = undefined;
  pageHrefs = undefined;
  nudgeSession = new Map();
  views = [];
  exported = 0;
  deleted = 0;
});
afterEach(async () => {
  await db.delete();
});

describe('who is asking', () => {
  it.each([
    [pageSender, 'page'],
    [contentSender, 'content'],
    [foreignSender, 'foreign'],
    [{ id: OWN.id }, 'foreign'],
    [{ id: OWN.id, url: 'chrome-extension://other-id/x.html' }, 'foreign'],
  ] as const)('%o is %s', (sender, kind) => {
    expect(senderKind(sender, OWN.id, OWN.origin)).toBe(kind);
  });
});

describe('a content script may only use the profile-scoped subset', () => {
  it.each([
    { type: 'data/export' },
    { type: 'data/delete-all' },
    { type: 'person/get', personId: 'p1' },
    { type: 'search/query', query: 'anna' },
    { type: 'badge/refresh' },
  ])('refuses %o from a content script', async (msg) => {
    expect(await ask(msg, contentSender)).toEqual({ ok: false, error: 'forbidden' });
    expect(exported + deleted).toBe(0);
  });

  it('answers a search from one of Kith own pages', async () => {
    expect(await ask({ type: 'search/query', query: 'anna' }, pageSender)).toEqual({
      ok: true,
      data: { state: 'ready', results: [{ id: 'p1', name: 'found anna' }], ms: 1 },
    });
  });

  it('allows the same export to one of Kith own pages', async () => {
    expect(await ask({ type: 'data/export' }, pageSender)).toEqual({ ok: true, data: '{}' });
  });

  it('refuses anything from another extension or a web page', async () => {
    expect(await ask({ type: 'view/set', identity: { site: 'linkedin', handle: 'ada', url: 'https://www.linkedin.com/in/ada/' } }, foreignSender)).toEqual({
      ok: false,
      error: 'forbidden',
    });
  });

  it('refuses malformed messages and unknown fields', async () => {
    expect(await ask({ type: 'view/set', identity: { site: 'myspace', handle: 'ada', url: 'https://myspace.com/ada' } }, contentSender)).toEqual({
      ok: false,
      error: 'invalid',
    });
    expect(
      await ask({ type: 'view/set', identity: { site: 'linkedin', handle: 'ada', url: 'https://www.linkedin.com/in/ada/' }, personId: 'p1' }, contentSender),
    ).toEqual({ ok: false, error: 'invalid' });
    expect(await ask('hello', contentSender)).toEqual({ ok: false, error: 'invalid' });
  });

  it("a content script cannot ask whether someone is known (Kith reads only the profile in view; the answer would list the user's people)", async () => {
    await addPerson(db, { name: 'Ada Example', identity: { site: 'linkedin', handle: 'ada-example' } }, ctxAt());
    expect(await ask({ type: 'profile/lookup', site: 'linkedin', handle: 'ada-example' }, contentSender)).toEqual({ ok: false, error: 'invalid' });
    expect(await ask({ type: 'profile/lookup', site: 'linkedin', handle: 'ada-example' }, pageSender)).toEqual({ ok: false, error: 'invalid' });
  });

  it('records the profile in view for the sender tab window', async () => {
    const identity: PageIdentity = { site: 'linkedin', handle: 'ada-example', url: 'https://www.linkedin.com/in/ada-example/', name: 'Ada Example' };
    expect(await ask({ type: 'view/set', identity }, contentSender)).toEqual({ ok: true, data: null });
    expect(views).toEqual([{ windowId: 1, tabId: 7, identity }]);
  });

  it('logs a touch for a profile, and takes back only its own fresh page touches', async () => {
    const p = await addPerson(db, { name: 'Ada', identity: { site: 'linkedin', handle: 'ada-example' } }, ctxAt());
    const added = await ask({ type: 'touch/add', site: 'linkedin', handle: 'ada-example', channel: 'like' }, contentSender);
    expect(added.ok).toBe(true);
    const touchId = (added as { data: { touchId: string } }).data.touchId;
    expect((await db.people.get(p.id))!.summary.passiveSince).toBe(1);
    // Not through another profile.
    await addPerson(db, { name: 'Bruno', identity: { site: 'linkedin', handle: 'bruno' } }, ctxAt());
    expect(await ask({ type: 'touch/undo', site: 'linkedin', handle: 'bruno', touchId }, contentSender)).toEqual({ ok: false, error: 'forbidden' });
    expect(await ask({ type: 'touch/undo', site: 'linkedin', handle: 'ada-example', touchId }, contentSender)).toEqual({ ok: true, data: null });
    expect((await db.people.get(p.id))!.summary.passiveSince).toBe(0);
  });

  it("gives the in-page card the notes of the profile its page shows, and nobody else's", async () => {
    const ada = await addPerson(db, { name: 'Ada', identity: { site: 'linkedin', handle: 'ada-example' } }, ctxAt());
    await addNote(db, { personId: ada.id, kind: 'listening', text: 'marathon in April' }, ctxAt());
    const bruno = await addPerson(db, { name: 'Bruno', identity: { site: 'linkedin', handle: 'bruno' } }, ctxAt());
    const brunoNote = await addNote(db, { personId: bruno.id, kind: 'followup', text: 'send the article' }, ctxAt());
    const own = await ask({ type: 'card/view', site: 'linkedin', handle: 'ada-example' }, contentSender);
    expect(JSON.stringify(own)).toContain('marathon in April');
    expect(await ask({ type: 'card/view', site: 'linkedin', handle: 'bruno' }, contentSender)).toEqual({ ok: false, error: 'forbidden' });
    expect(await ask({ type: 'note/done', site: 'linkedin', handle: 'bruno', noteId: brunoNote.id, done: true }, contentSender)).toEqual({
      ok: false,
      error: 'forbidden',
    });
    // Nor through its own profile with another person's note id.
    expect(await ask({ type: 'note/done', site: 'linkedin', handle: 'ada-example', noteId: brunoNote.id, done: true }, contentSender)).toEqual({
      ok: false,
      error: 'forbidden',
    });
    expect((await db.notes.get(brunoNote.id))!.doneAt).toBeUndefined();
  });

  it("asks the tab what it shows: the card works after in-page navigation, and a frame's stale URL is not taken", async () => {
    const ada = await addPerson(db, { name: 'Ada', identity: { site: 'linkedin', handle: 'ada-example' } }, ctxAt());
    await addNote(db, { personId: ada.id, kind: 'listening', text: 'marathon in April' }, ctxAt());
    const tabs: Record<number, string> = { 7: 'https://www.linkedin.com/in/ada-example/' };
    const withTabs = createListener(
      createHandler({ db, ctx: async () => ctxAt(), setView: async () => undefined, refreshBadge: async () => undefined, tabUrl: async (id) => tabs[id] }),
      OWN,
    );
    const card = { type: 'card/view', site: 'linkedin', handle: 'ada-example' };
    // LinkedIn moved from the feed to Ada's profile with pushState: the sender's URL is still the feed's.
    const fromFeed: SenderInfo = { ...contentSender, url: 'https://www.linkedin.com/feed/' };
    expect(JSON.stringify(await withTabs(card, fromFeed))).toContain('marathon in April');
    // The in-page card's own frame, an extension page inside that tab.
    const frame: SenderInfo = { id: OWN.id, url: 'chrome-extension://kith-id/card.html', tab: { id: 7, windowId: 1 } };
    expect(JSON.stringify(await withTabs(card, frame))).toContain('marathon in April');
    // The tab moved on: a URL that still names Ada is not enough.
    tabs[7] = 'https://www.linkedin.com/in/bruno/';
    expect(await withTabs(card, contentSender)).toEqual({ ok: false, error: 'forbidden' });
    expect(await withTabs(card, frame)).toEqual({ ok: false, error: 'forbidden' });
    // No tab at all (a page of Kith's own): nothing.
    expect(await withTabs(card, pageSender)).toEqual({ ok: false, error: 'forbidden' });
  });

  it('answers unknown people with an error, not a crash', async () => {
    const ghostTab: SenderInfo = { ...contentSender, url: 'https://www.linkedin.com/in/ghost/' };
    expect(await ask({ type: 'touch/add', site: 'linkedin', handle: 'ghost', channel: 'like' }, ghostTab)).toEqual({ ok: false, error: 'unknown-person' });
  });
});

describe('the in-page nudge card may close or mute only the nudge shown in its own tab', () => {
  it('refuses another tab, another nudge, a tabless or page sender, and extra fields; accepts its own nudge once', async () => {
    const session = new Map<string, unknown>();
    let settings: Settings = { ...DEFAULT_SETTINGS, placement: { ...DEFAULT_SETTINGS.placement, linkedin: 'inpage' } };
    const shown: number[] = [];
    const nudgeEnv: NudgeEnv = {
      settings: async () => settings,
      switchKindOff: async (kind) => {
        settings = { ...settings, nudges: { ...settings.nudges, [kind]: false } };
      },
      getSession: async <T>(key: string) => session.get(key) as T | undefined,
      setSession: async (key, value) => {
        if (value === null) session.delete(key);
        else session.set(key, value);
      },
      showInPage: async (tabId) => {
        shown.push(tabId);
      },
    };
    const listen = createListener(
      createHandler({ db, ctx: async () => ctxAt(), setView: async () => undefined, refreshBadge: async () => undefined, nudgeEnv }),
      OWN,
    );
    const ada = await addPerson(db, { name: 'Ada', identity: { site: 'linkedin', handle: 'ada-example' } }, ctxAt());
    const liked = await listen({ type: 'nudge/like', site: 'linkedin', handle: 'ada-example', postKey: 'urn:li:activity:1', state: 'added' }, contentSender);
    expect(liked.ok).toBe(true);
    // The content script is not told whether a nudge was raised (that would say the author is known); the card is handed it.
    const id = (session.get(CURRENT_NUDGE_KEY) as { id: string }).id;
    expect(id).toBeTruthy();
    await vi.waitFor(() => expect(shown).toStrictEqual([7]));

    const otherTab: SenderInfo = { ...contentSender, tab: { id: 8, windowId: 1 } };
    const refused = [
      await listen({ type: 'nudge/card-dismiss', id, mute: 'person' }, otherTab),
      await listen({ type: 'nudge/card-dismiss', id: 'another-nudge', mute: 'person' }, contentSender),
      await listen({ type: 'nudge/card-dismiss', id, mute: 'person' }, pageSender),
      await listen({ type: 'nudge/card-dismiss', id, mute: 'person' }, { id: OWN.id, url: contentSender.url }),
      // A content script whose tab has no id (a prerendered or devtools context): the router refuses it.
      await listen({ type: 'nudge/card-dismiss', id, mute: 'person' }, { ...contentSender, tab: { windowId: 1 } }),
    ];
    expect(refused).toStrictEqual(Array(5).fill({ ok: false, error: 'forbidden' }));
    expect(await listen({ type: 'nudge/card-dismiss', id, mute: 'person', personId: ada.id }, contentSender)).toEqual({ ok: false, error: 'invalid' });
    expect(await listen({ type: 'nudge/card-dismiss', id, mute: 'everyone' }, contentSender)).toEqual({ ok: false, error: 'invalid' });
    // Nothing changed: the nudge is still on screen, nobody muted.
    expect((session.get(CURRENT_NUDGE_KEY) as { id: string }).id).toBe(id);
    expect(await readMutedPeople(db)).toStrictEqual([]);

    expect(await listen({ type: 'nudge/card-dismiss', id, mute: 'person' }, contentSender)).toEqual({ ok: true, data: null });
    expect(await readMutedPeople(db)).toStrictEqual([ada.id]);
    expect(session.has(CURRENT_NUDGE_KEY)).toBe(false);
    // Once answered, it is no longer the card's to answer.
    expect(await listen({ type: 'nudge/card-dismiss', id, mute: 'kind' }, contentSender)).toEqual({ ok: false, error: 'forbidden' });
    expect(settings.nudges.like).toBe(true);
  });
});

describe('the router alone keeps tab-scoped messages to content scripts in a tab', () => {
  it('refuses nudge/card-dismiss from a page or a tab without id before any handler runs', async () => {
    let handled = 0;
    const listen = createListener(async () => {
      handled++;
      return 'handled';
    }, OWN);
    const msg = { type: 'nudge/card-dismiss', id: 'n1' };
    expect(await listen(msg, pageSender)).toEqual({ ok: false, error: 'forbidden' });
    expect(await listen(msg, { ...contentSender, tab: { windowId: 1 } })).toEqual({ ok: false, error: 'forbidden' });
    expect(handled).toBe(0);
    expect(await listen(msg, contentSender)).toEqual({ ok: true, data: 'handled' });
  });
});

describe('the listener pattern behaves the same in WXT fake browser', () => {
  afterEach(() => fakeBrowser.reset());
  it('answers sendMessage with the reply in the fake browser', async () => {
    fakeBrowser.runtime.onMessage.addListener(listener() as never);
    // The fake browser's sender has our id but no URL: treated as foreign, and
    // still answered, which is the point: the answer arrives.
    const reply = (await fakeBrowser.runtime.sendMessage({ type: 'badge/refresh' })) as Reply;
    expect(reply).toEqual({ ok: false, error: 'forbidden' });
  });
});

describe('a site turned off in the settings is not read', () => {
  const ada: PageIdentity = { site: 'linkedin', handle: 'ada-example', url: 'https://www.linkedin.com/in/ada-example/', name: 'Ada Example' };
  const xSender: SenderInfo = { id: OWN.id, url: 'https://x.com/ada_example', tab: { id: 8, windowId: 1 } };
  const ctx = ctxAt();

  async function known() {
    await addPerson(db, { name: 'Ada Example', identity: ada }, ctx);
  }

  it('LinkedIn off: the profile in view is reported as none, and nothing about it is written', async () => {
    await known();
    sitesOn = { linkedin: false };
    expect(await ask({ type: 'view/set', identity: ada }, contentSender)).toEqual({ ok: true, data: null });
    expect(views).toEqual([{ windowId: 1, tabId: 7, identity: null }]);
    const before = await db.touches.count();
    for (const msg of [
      { type: 'touch/add', site: 'linkedin', handle: 'ada-example', channel: 'like' },
      { type: 'nudge/like', site: 'linkedin', handle: 'ada-example', postKey: 'p1', state: 'added' },
      { type: 'nudge/wish', site: 'linkedin', handle: 'ada-example', occasion: 'birthday' },
      { type: 'note/add', site: 'linkedin', handle: 'ada-example', kind: 'listening', text: 'x' },
      { type: 'person/add', identity: { ...ada, handle: 'someone-new', url: 'https://www.linkedin.com/in/someone-new/' } },
      { type: 'card/view', site: 'linkedin', handle: 'ada-example' },
    ]) {
      expect(await ask(msg, contentSender)).toEqual({ ok: false, error: 'site-off' });
    }
    expect(await db.touches.count()).toBe(before);
    expect(await db.notes.count()).toBe(0);
    expect(await db.people.count()).toBe(1);
  });

  it('LinkedIn on: the same messages are taken', async () => {
    await known();
    sitesOn = { linkedin: true };
    expect(await ask({ type: 'view/set', identity: ada }, contentSender)).toEqual({ ok: true, data: null });
    expect(views).toEqual([{ windowId: 1, tabId: 7, identity: ada }]);
    const r = await ask({ type: 'touch/add', site: 'linkedin', handle: 'ada-example', channel: 'like' }, contentSender);
    expect(r.ok).toBe(true);
    expect(await db.touches.count()).toBe(1);
  });

  it('X off: a script still running on x.com cannot write, whichever site its message names', async () => {
    await known();
    sitesOn = { linkedin: true, x: false };
    expect(await ask({ type: 'touch/add', site: 'linkedin', handle: 'ada-example', channel: 'like' }, xSender)).toEqual({ ok: false, error: 'site-off' });
    expect(await ask({ type: 'view/set', identity: { site: 'x', handle: 'ada_example', url: 'https://x.com/ada_example' } }, xSender)).toEqual({
      ok: true,
      data: null,
    });
    expect(views).toEqual([{ windowId: 1, tabId: 8, identity: null }]);
    expect(await db.touches.count()).toBe(0);
  });

  it("Kith's own pages are not held to it: the side panel still reads and writes while LinkedIn is off", async () => {
    await known();
    sitesOn = { linkedin: false };
    expect((await ask({ type: 'badge/refresh' }, pageSender)).ok).toBe(true);
  });
});

describe('content-script writes are held to the profile the sender tab shows', () => {
  const ADA_URL = 'https://www.linkedin.com/in/ada-example/';
  const BRUNO_URL = 'https://www.linkedin.com/in/bruno/';
  const dump = async () => JSON.stringify([await db.people.toArray(), await db.profiles.toArray(), await db.touches.toArray(), await db.notes.toArray()]);

  it('refuses note/add, touch/add, touch/undo and person/add about anyone but the profile in view', async () => {
    await addPerson(db, { name: 'Ada', identity: { site: 'linkedin', handle: 'ada-example' } }, ctxAt());
    const bruno = await addPerson(db, { name: 'Bruno', identity: { site: 'linkedin', handle: 'bruno' } }, ctxAt());
    const before = await dump();
    const brunoProfile = { site: 'linkedin', handle: 'bruno' } as const;
    for (const msg of [
      { type: 'note/add', ...brunoProfile, kind: 'listening', text: 'planted' },
      { type: 'touch/add', ...brunoProfile, channel: 'call' },
      { type: 'touch/undo', ...brunoProfile, touchId: 'whatever' },
      { type: 'person/add', identity: { site: 'linkedin', handle: 'someone-new', url: 'https://www.linkedin.com/in/someone-new/', name: 'New' } },
    ]) {
      expect(await ask(msg, contentSender), msg.type).toEqual({ ok: false, error: 'forbidden' });
    }
    expect(await dump()).toBe(before);
    // Kith's own pages are not held to a tab: they add people and notes about anyone.
    expect(
      (
        await ask(
          { type: 'person/add', identity: { site: 'linkedin', handle: 'from-panel', url: 'https://www.linkedin.com/in/from-panel/', name: 'P' } },
          pageSender,
        )
      ).ok,
    ).toBe(true);
    await db.people.where('name').equals('P').delete();
    await db.profiles.where('key').equals('linkedin:from-panel').delete();
    expect(await dump()).toBe(before);
    // The same messages about the profile in view are taken.
    expect((await ask({ type: 'note/add', site: 'linkedin', handle: 'bruno', kind: 'listening', text: 'fine' }, { ...contentSender, url: BRUNO_URL })).ok).toBe(
      true,
    );
    expect((await db.notes.where('personId').equals(bruno.id).toArray()).map((n) => n.text)).toEqual(['fine']);
  });

  it('reads what the tab shows now, not the URL the sender page loaded with (in-page navigation)', async () => {
    await addPerson(db, { name: 'Ada', identity: { site: 'linkedin', handle: 'ada-example' } }, ctxAt());
    await addPerson(db, { name: 'Bruno', identity: { site: 'linkedin', handle: 'bruno' } }, ctxAt());
    // The page loaded on Ada's profile, then moved to Bruno's with pushState: `sender.url` still says Ada.
    tabUrls = { 7: BRUNO_URL };
    expect(await ask({ type: 'note/add', site: 'linkedin', handle: 'ada-example', kind: 'listening', text: 'x' }, contentSender)).toEqual({
      ok: false,
      error: 'forbidden',
    });
    expect(await ask({ type: 'touch/add', site: 'linkedin', handle: 'ada-example', channel: 'call' }, contentSender)).toEqual({
      ok: false,
      error: 'forbidden',
    });
    expect(await ask({ type: 'card/view', site: 'linkedin', handle: 'ada-example' }, contentSender)).toEqual({ ok: false, error: 'forbidden' });
    expect((await ask({ type: 'card/view', site: 'linkedin', handle: 'bruno' }, contentSender)).ok).toBe(true);
    expect((await ask({ type: 'note/add', site: 'linkedin', handle: 'bruno', kind: 'listening', text: 'x' }, contentSender)).ok).toBe(true);
    // From the feed to a profile: the card of the profile now in view is given.
    tabUrls = { 7: ADA_URL };
    expect((await ask({ type: 'card/view', site: 'linkedin', handle: 'ada-example' }, { ...contentSender, url: 'https://www.linkedin.com/feed/' })).ok).toBe(
      true,
    );
    // A tab that cannot be read shows nothing.
    tabUrls = {};
    expect(await ask({ type: 'card/view', site: 'linkedin', handle: 'ada-example' }, contentSender)).toEqual({ ok: false, error: 'forbidden' });
  });

  it('logs a touch only between the floor and now: no future, no absurd past', async () => {
    const ada = await addPerson(db, { name: 'Ada', identity: { site: 'linkedin', handle: 'ada-example' } }, ctxAt());
    const now = ctxAt().now;
    for (const at of [now + 60_000, now + 365 * 86_400_000, 8.64e15, Date.UTC(1899, 11, 31), -8.64e15]) {
      expect(await ask({ type: 'touch/add', site: 'linkedin', handle: 'ada-example', channel: 'call', at }, contentSender), String(at)).toEqual({
        ok: false,
        error: 'invalid-date',
      });
    }
    expect(await db.touches.count()).toBe(0);
    for (const at of [now, now - 86_400_000, Date.UTC(1990, 5, 1)]) {
      expect((await ask({ type: 'touch/add', site: 'linkedin', handle: 'ada-example', channel: 'call', at }, contentSender)).ok, String(at)).toBe(true);
    }
    expect(await touchesOfPerson(db, ada.id).count()).toBe(3);
  });

  it('adds at most five people a minute from one tab (a script stepping its tab through profiles)', async () => {
    tabUrls = {};
    const background = listener();
    const addFrom = (tabId: number, n: number) => {
      const url = `https://www.linkedin.com/in/new-${tabId}-${n}/`;
      tabUrls = { ...tabUrls, [tabId]: url };
      return background(
        { type: 'person/add', identity: { site: 'linkedin', handle: `new-${tabId}-${n}`, url, name: `New ${n}` } },
        { ...contentSender, url, tab: { id: tabId, windowId: 1 } },
      );
    };
    for (let n = 0; n < 5; n++) expect((await addFrom(7, n)).ok).toBe(true);
    expect(await addFrom(7, 5)).toEqual({ ok: false, error: 'rate-limited' });
    expect(await db.people.count()).toBe(5);
    // Another tab has its own allowance.
    expect((await addFrom(8, 0)).ok).toBe(true);
    expect(await db.people.count()).toBe(6);
  });

  it('a reaction, wish or message is only about someone the sender page links to, and answers known and unknown people alike', async () => {
    const ada = await addPerson(db, { name: 'Ada', identity: { site: 'linkedin', handle: 'ada-example' } }, ctxAt());
    const feed: SenderInfo = { ...contentSender, url: 'https://www.linkedin.com/feed/' };
    pageHrefs = { 7: ['https://www.linkedin.com/in/ada-example/', 'https://www.linkedin.com/in/stranger/recent-activity/', 'https://www.linkedin.com/feed/'] };

    // Not on the page: refused before Kith looks the person up.
    for (const msg of [
      { type: 'nudge/like', site: 'linkedin', handle: 'bruno', postKey: 'p0', state: 'added' },
      { type: 'nudge/wish', site: 'linkedin', handle: 'bruno', occasion: 'birthday' },
      { type: 'nudge/sent', site: 'linkedin', handle: 'bruno', depth: 'personal', signals: [], pitch: false },
    ]) {
      expect(await ask(msg, feed), msg.type).toEqual({ ok: false, error: 'forbidden' });
    }

    const shape = (r: Reply) => JSON.stringify(r).replace(/"touchId":"[^"]+"/g, '"touchId":"?"');
    const likeAda = await ask({ type: 'nudge/like', site: 'linkedin', handle: 'ada-example', postKey: 'p1', state: 'added' }, feed);
    const likeStranger = await ask({ type: 'nudge/like', site: 'linkedin', handle: 'stranger', postKey: 'p2', state: 'added' }, feed);
    expect(shape(likeAda)).toBe('{"ok":true,"data":{"touchId":"?"}}');
    expect(shape(likeStranger)).toBe(shape(likeAda));
    expect(await touchesOfPerson(db, ada.id).count()).toBe(1);
    for (const handle of ['ada-example', 'stranger']) {
      expect(await ask({ type: 'nudge/wish', site: 'linkedin', handle, occasion: 'birthday' }, feed), handle).toEqual({ ok: true, data: {} });
      expect(await ask({ type: 'nudge/sent', site: 'linkedin', handle, depth: 'personal', signals: [], pitch: false }, feed), handle).toEqual({
        ok: true,
        data: {},
      });
      // A made-up reaction id is refused for both.
      expect(await ask({ type: 'nudge/like', site: 'linkedin', handle, postKey: 'p9', state: 'removed', touchId: 'made-up' }, feed), handle).toEqual({
        ok: false,
        error: 'forbidden',
      });
    }
    // Taking back the reaction each was handed answers alike, and only the real one had a touch.
    const idOf = (r: Reply) => (r as { data: { touchId: string } }).data.touchId;
    const undoAda = await ask({ type: 'nudge/like', site: 'linkedin', handle: 'ada-example', postKey: 'p1', state: 'removed', touchId: idOf(likeAda) }, feed);
    const undoStranger = await ask(
      { type: 'nudge/like', site: 'linkedin', handle: 'stranger', postKey: 'p2', state: 'removed', touchId: idOf(likeStranger) },
      feed,
    );
    expect(undoAda).toEqual({ ok: true, data: {} });
    expect(undoStranger).toEqual(undoAda);
    expect((await touchesOfPerson(db, ada.id).toArray()).filter((t) => t.channel === 'like' && !t.deletedAt)).toEqual([]);
    // Another tab cannot use the id this tab was handed.
    pageHrefs = { ...pageHrefs, 8: pageHrefs[7]! };
    const other: SenderInfo = { ...feed, tab: { id: 8, windowId: 1 } };
    const again = await ask({ type: 'nudge/like', site: 'linkedin', handle: 'stranger', postKey: 'p3', state: 'added' }, feed);
    expect(await ask({ type: 'nudge/like', site: 'linkedin', handle: 'stranger', postKey: 'p3', state: 'removed', touchId: idOf(again) }, other)).toEqual({
      ok: false,
      error: 'forbidden',
    });
  });
});

describe('undo of a write the background made for a Kith page', () => {
  const cardSender: SenderInfo = { id: OWN.id, url: 'chrome-extension://kith-id/card.html', tab: { id: 7, windowId: 1 } };
  const dumpAll = async () => Object.fromEntries(await Promise.all(db.tables.map(async (t) => [t.name, await t.toArray()] as const)));

  it('the in-page card gets a token for Log and Add note; undo/apply puts the database back, even after the worker restarted', async () => {
    const p = await addPerson(db, { name: 'Ada', identity: { site: 'linkedin', handle: 'ada-example' } }, ctxAt());
    const before = await dumpAll();
    const logged = (await ask({ type: 'touch/add', site: 'linkedin', handle: 'ada-example', channel: 'call', depth: 'personal' }, cardSender)) as {
      ok: true;
      data: { touchId: string; undo?: string };
    };
    expect(logged.ok).toBe(true);
    expect(logged.data.undo).toBeTruthy();
    const noted = (await ask({ type: 'note/add', site: 'linkedin', handle: 'ada-example', kind: 'listening', text: 'moving' }, cardSender)) as {
      ok: true;
      data: { noteId: string; undo?: string };
    };
    expect(await db.notes.where('personId').equals(p.id).count()).toBe(1);
    // Each ask builds a new handler: the tokens come back from session storage, as after a worker restart.
    expect(await ask({ type: 'undo/apply', token: noted.data.undo! }, cardSender)).toEqual({ ok: true, data: null });
    expect(await ask({ type: 'undo/apply', token: logged.data.undo! }, cardSender)).toEqual({ ok: true, data: null });
    expect(await dumpAll()).toStrictEqual(before);
    // A token is good once.
    expect(await ask({ type: 'undo/apply', token: logged.data.undo! }, cardSender)).toEqual({ ok: false, error: 'undo-expired' });
  });

  it('another tab cannot use the token, a content script gets none and cannot ask, and a later edit is not reverted', async () => {
    await addPerson(db, { name: 'Ada', identity: { site: 'linkedin', handle: 'ada-example' } }, ctxAt());
    const fromContent = (await ask({ type: 'touch/add', site: 'linkedin', handle: 'ada-example', channel: 'like' }, contentSender)) as {
      ok: true;
      data: object;
    };
    expect(fromContent.data).not.toHaveProperty('undo');
    const noted = (await ask({ type: 'note/add', site: 'linkedin', handle: 'ada-example', kind: 'listening', text: 'moving' }, cardSender)) as {
      ok: true;
      data: { noteId: string; undo: string };
    };
    expect(await ask({ type: 'undo/apply', token: noted.data.undo }, contentSender)).toEqual({ ok: false, error: 'forbidden' });
    expect(await ask({ type: 'undo/apply', token: noted.data.undo }, { ...cardSender, tab: { id: 8, windowId: 1 } })).toEqual({
      ok: false,
      error: 'undo-expired',
    });
    await updateNoteText(db, noted.data.noteId, 'moving to Turin', ctxAt());
    expect(await ask({ type: 'undo/apply', token: noted.data.undo }, cardSender)).toEqual({ ok: false, error: 'undo-conflict' });
    expect((await db.notes.get(noted.data.noteId))!.text).toBe('moving to Turin');
  });
});
