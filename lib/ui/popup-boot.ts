/**
 * The popup's first step, built into its own classic script (entrypoints/popup-boot.ts)
 * that runs while the page is parsed, before the module scripts (React) have
 * loaded: the two reads the popup's first paint needs (the settings, and the
 * background's snapshot of today's list) start here and overlap that loading.
 * entrypoints/popup/app.tsx takes them; it reads them itself if this did not run.
 *
 * When the snapshot is today's and already in words in the user's language
 * (`paint`, lib/ui/reach-paint.ts), its rows are put in the page at once, as text,
 * with the markup the list will have: React replaces them with the live list a
 * moment later.
 *
 * Sooner still: what was painted last time is kept in the extension's `localStorage`
 * (`POPUP_COPY_KEY`), which a page reads synchronously. When that copy is today's and
 * in the page's language, it is painted before the storage reads come back; when they
 * do, rows that changed meanwhile (a Done in the side panel, a sync) are painted over
 * it, or taken away when there is nothing to paint. The popup is shown once its page
 * has loaded, which is after that: the copy saves the reads' round trip (12-25 ms).
 *
 * Tiny and import-free once built (the popup waits for it): only the storage keys'
 * constants and types come from elsewhere, never WXT's storage or the polyfill.
 */
import type { Settings } from '@/lib/model/settings';
import { REACH_SNAPSHOT_KEY, SETTINGS_KEY } from '@/lib/model/storage-keys';
import type { ReachSnapshot, SnapshotPaint } from './reach-snapshot';

/** The little of the extension API this needs, as both `browser` and `chrome` have it. */
interface BootApi {
  storage: { local: StorageArea; session: StorageArea };
  i18n?: { getUILanguage?(): string };
}
interface StorageArea {
  get(key: string): Promise<Record<string, unknown>>;
}

/** The extension's `localStorage` key of the last first paint (`PaintCopy`). */
export const POPUP_COPY_KEY = 'kith:popup-first-rows';

/** What the last first paint was painted from: the settings it needs, and the snapshot's day and words. */
export interface PaintCopy {
  settings: StoredSettings;
  snap: Pick<ReachSnapshot, 'day' | 'paint'>;
}

/** What the popup's app takes: the raw stored settings and snapshot, each possibly absent. */
export type PopupBootReads = Promise<[unknown, unknown]>;

/** The reads, for the app, as a global: the module scripts find them there. */
interface BootGlobal {
  browser?: BootApi;
  chrome?: BootApi;
  __kithPopupBoot?: PopupBootReads;
}

export type StoredSettings = Partial<Pick<Settings, 'language' | 'timeZone' | 'theme'>>;

export function startPopupBoot(): void {
  mark('kith:boot');
  // Read as globals: `browser` in Firefox, `chrome` in Chrome (no polyfill here).
  const g = globalThis as BootGlobal;
  const api = g.browser || g.chrome;
  let reads: PopupBootReads;
  try {
    reads = Promise.all([
      api!.storage.local.get(SETTINGS_KEY).then((got) => got[SETTINGS_KEY]),
      api!.storage.session.get(REACH_SNAPSHOT_KEY).then((got) => got[REACH_SNAPSHOT_KEY]),
    ]);
  } catch {
    g.__kithPopupBoot = undefined;
    return;
  }
  g.__kithPopupBoot = reads;
  // The last first paint, while the reads are under way; `painted` is what it was painted from.
  let painted: string | undefined;
  const copy = readCopy();
  if (copy)
    whenRoot(() => {
      if (prepaint(copy.settings, copy.snap)) painted = JSON.stringify(copy);
    });
  reads
    .then((got) => {
      mark('kith:boot-reads');
      const stored = (got[0] || {}) as StoredSettings;
      const snap = got[1] as ReachSnapshot | undefined;
      const now: PaintCopy = {
        settings: { language: stored.language, timeZone: stored.timeZone, theme: stored.theme },
        snap: { day: snap ? snap.day : '', paint: snap ? snap.paint : undefined },
      };
      whenRoot(() => {
        if (painted !== undefined) {
          if (JSON.stringify(now) === painted) return;
          // The rows changed since the copy was kept: paint today's over them, or nothing.
          unpaint();
          painted = undefined;
        }
        if (prepaint(now.settings, now.snap)) {
          painted = JSON.stringify(now);
          writeCopy(painted);
        } else writeCopy(undefined);
      });
    })
    .catch(() => {});

  function readCopy(): PaintCopy | undefined {
    try {
      const text = localStorage.getItem(POPUP_COPY_KEY);
      const c = text ? (JSON.parse(text) as PaintCopy) : undefined;
      return c && typeof c === 'object' && c.settings && c.snap ? c : undefined;
    } catch {
      return undefined;
    }
  }

  function writeCopy(text: string | undefined): void {
    try {
      if (text === undefined) localStorage.removeItem(POPUP_COPY_KEY);
      else localStorage.setItem(POPUP_COPY_KEY, text);
    } catch {
      // No storage for this page (a private window's quota): the next popup waits for the reads.
    }
  }

  function unpaint(): void {
    const main = document.querySelector('main[data-prepaint]');
    if (main) main.remove();
    delete document.documentElement.dataset.theme;
  }

  /** popup.html loads this right after #root; placed earlier (in <head>), it waits for #root. The page turns "interactive" before its modules run. */
  function whenRoot(cb: () => void): void {
    if (document.getElementById('root') || document.readyState !== 'loading') return cb();
    document.addEventListener('readystatechange', function once() {
      if (document.readyState === 'loading') return;
      document.removeEventListener('readystatechange', once);
      cb();
    });
  }

  /** As lib/i18n resolveLang. */
  function langOf(settings: StoredSettings): string {
    if (settings.language === 'en' || settings.language === 'it') return settings.language;
    const ui = api!.i18n && api!.i18n.getUILanguage ? api!.i18n.getUILanguage() : '';
    return String(ui || '')
      .toLowerCase()
      .indexOf('it') === 0
      ? 'it'
      : 'en';
  }

  /** As the background's localParts(...).day: YYYY-MM-DD in the user's time zone. */
  function today(settings: StoredSettings): string {
    const tz = settings.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    const parts: Record<string, string> = {};
    new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date()).forEach((p) => {
      parts[p.type] = p.value;
    });
    return parts.year + '-' + parts.month + '-' + parts.day;
  }

  function el(tag: string, className: string, text?: string): HTMLElement {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /** Paint `snap`'s rows when they are today's and in the page's language; whether it did. */
  function prepaint(settings: StoredSettings, snap: Pick<ReachSnapshot, 'day' | 'paint'> | undefined): boolean {
    const paint: SnapshotPaint | undefined = snap && snap.paint;
    const root = document.getElementById('root');
    // Only today's list, never an empty one ("nobody is waiting" must never be a guess), only in the page's language.
    if (
      !snap ||
      !paint ||
      !root ||
      root.firstChild ||
      !paint.rows ||
      paint.rows.length === 0 ||
      snap.day !== today(settings) ||
      paint.lang !== langOf(settings)
    )
      return false;
    document.documentElement.lang = paint.lang;
    if (settings.theme === 'light' || settings.theme === 'dark') document.documentElement.dataset.theme = settings.theme;
    const main = el('main', 'popup-main');
    main.setAttribute('data-prepaint', '');
    // The bar's room, kept so the list does not move when the real bar arrives; not usable yet.
    const bar = el('div', 'popup-bar');
    bar.setAttribute('aria-hidden', 'true');
    bar.setAttribute('inert', '');
    bar.style.visibility = 'hidden';
    bar.appendChild(el('button', 'primary', paint.openPanel));
    bar.appendChild(el('button', 'link', paint.options));
    main.appendChild(bar);
    const section = el('section', 'reach reach-popup');
    section.appendChild(el('h1', '', paint.title));
    section.appendChild(el('p', 'muted', paint.waiting));
    const ul = el('ul', 'reach-list');
    paint.rows.forEach((r) => {
      const li = el('li', 'reach-row');
      const avatar = el('span', 'avatar avatar-initials', r.initials);
      avatar.setAttribute('aria-hidden', 'true');
      li.appendChild(avatar);
      const body = el('div', 'reach-main');
      body.appendChild(el('span', 'reach-name', r.name));
      body.appendChild(el('span', 'reach-reason reason-' + String(r.code).replace(/[^a-z-]/g, ''), r.reason));
      li.appendChild(body);
      ul.appendChild(li);
    });
    section.appendChild(ul);
    main.appendChild(section);
    root.appendChild(main);
    mark('kith:prepaint');
    return true;
  }

  /** For the benchmark (bench/driver.ts): where the popup's first paint spends its time. */
  function mark(name: string): void {
    if (typeof performance !== 'undefined' && performance.mark) performance.mark(name);
  }
}
