/**
 * A crafted backup cannot break Kith: whatever the file holds (unknown time zones,
 * odd types where settings are, extreme numbers, duplicate and dangling ids), a
 * restore is either refused with a clear message and nothing changed, or applied
 * and every page still renders (popup, side panel, options) without falling back
 * to the error screen.
 */
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { useUiStore } from '@/components/i18n';
import { ErrorBoundary } from '@/components/ErrorBoundary';
import { CircleOptions } from '@/components/CircleOptions';
import { OptionsApp } from '@/components/OptionsApp';
import { exportPeople } from '@/components/options/Backup';
import { PopupApp } from '@/components/PopupApp';
import { SidePanelApp } from '@/components/SidePanelApp';
import { BackupError, serializeBackup, type BackupData } from '@/lib/backup/format';
import { setDbForTests, type KithDB } from '@/lib/db/db';
import { collectBackup } from '@/lib/db/read';
import { addNote, addPerson, logTouch, readBackup, restoreBackup } from '@/lib/db/writes';
import { peopleCsvExport } from '@/lib/import/contacts-csv';
import { DEFAULT_SETTINGS } from '@/lib/model/settings';
import { normalizeSettings, resolveTimeZone } from '@/lib/settings/normalize';
import { getSettings, settingsItem, updateSettings } from '@/lib/settings/store';
import { failureKey } from '@/lib/ui/failure-words';
import { LAST_VIEW_KEY, type ViewState } from '@/lib/ui/view-state';
import { resetSettingsStore } from '@/tests/unit/components/settings-seed';
import { ctxAt, DAY, freshDb, NOW } from '@/tests/unit/db/helpers';

let db: KithDB;
beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-US');
  vi.spyOn(fakeBrowser.windows, 'getCurrent').mockResolvedValue({ id: 1 } as Awaited<ReturnType<typeof fakeBrowser.windows.getCurrent>>);
  useUiStore.setState({ lang: 'en' });
  resetSettingsStore();
  db = freshDb();
  setDbForTests(db);
});
afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  setDbForTests(undefined);
  await db.delete();
  location.hash = '';
});

async function seed(d: KithDB) {
  const ada = await addPerson(d, { name: 'Ada', identity: { site: 'linkedin', handle: 'ada' }, circleId: 'close' }, ctxAt());
  await logTouch(d, { personId: ada.id, channel: 'call', source: 'manual', at: NOW - 40 * DAY }, ctxAt());
  await addNote(d, { personId: ada.id, kind: 'followup', text: 'Send the paper', dueAt: NOW - DAY }, ctxAt());
  const bob = await addPerson(d, { name: 'Bob', identity: { site: 'linkedin', handle: 'bob' }, circleId: 'friends' }, ctxAt());
  await logTouch(d, { personId: bob.id, channel: 'like', source: 'page', at: NOW - DAY, sourceKey: 'k-1' }, ctxAt());
}

/** A valid backup as plain JSON, to be spoiled. */
async function baseBackup(): Promise<BackupData> {
  const other = freshDb();
  await seed(other);
  const text = serializeBackup(await collectBackup(other, DEFAULT_SETTINGS, NOW));
  await other.delete();
  return JSON.parse(text) as BackupData;
}

async function everything(d: KithDB) {
  return Object.fromEntries(await Promise.all(d.tables.map(async (t) => [t.name, await t.toArray()] as const)));
}

/** No page fell back to its error screen, and the page's own content is there. */
async function rendersFine(ui: React.ReactElement, selector: string) {
  const { container, unmount } = render(ui);
  await waitFor(() => expect(container.querySelector(selector)).not.toBeNull(), { timeout: 5000 });
  // Let the live queries arrive and render what they found.
  await new Promise((r) => setTimeout(r, 150));
  expect(container.querySelector('.page-error'), selector).toBeNull();
  unmount();
}

async function everyPageRenders(data: BackupData) {
  resetSettingsStore();
  await rendersFine(<PopupApp />, '.popup-main');
  const profile = data.tables.profiles[0];
  const view: ViewState = {
    identity: { site: 'linkedin', handle: profile?.handle || 'ada', url: 'https://www.linkedin.com/in/ada/', name: 'Ada' },
    inView: true,
    at: Date.now(),
  };
  await fakeBrowser.storage.session.set({ [LAST_VIEW_KEY]: view });
  resetSettingsStore();
  await rendersFine(<SidePanelApp />, 'main');
  for (const hash of ['#/people', '#/settings']) {
    location.hash = hash;
    resetSettingsStore();
    await rendersFine(<OptionsApp />, 'nav');
  }
  // The CSV export formats every date there is.
  expect(() => peopleCsvExport([])).not.toThrow();
  peopleCsvExport(await exportPeople());
}

const odd = fc.oneof(fc.anything(), fc.constant({}), fc.constant([]), fc.constant(null), fc.double(), fc.string());
const zone = fc.oneof(fc.constantFrom('Bad/Zone', '', 'Europe/Rome', 'UTC', '../../etc/passwd', 'Mars/Olympus_Mons'), fc.string(), odd);
const hostileSettings = fc.oneof(
  odd,
  fc.record(
    {
      timeZone: zone,
      language: fc.oneof(fc.constantFrom('auto', 'en', 'it', 'xx', 'EN'), odd),
      theme: fc.oneof(fc.constantFrom('dark', 'neon'), odd),
      circles: fc.oneof(
        odd,
        fc.array(
          fc.record(
            {
              id: fc.oneof(fc.constantFrom('close', 'friends', 'x'), odd),
              name: fc.oneof(fc.string(), fc.constant({}), fc.string({ minLength: 1000, maxLength: 2000 }), odd),
              builtIn: fc.oneof(fc.boolean(), odd),
              rhythm: fc.oneof(fc.record({ idealDays: fc.oneof(fc.double(), odd), maxDays: fc.oneof(fc.double(), odd) }), odd),
            },
            { requiredKeys: [] },
          ),
          { maxLength: 80 },
        ),
      ),
      dailyNudgeLimit: fc.oneof(fc.double(), odd),
      quietStart: fc.oneof(fc.constantFrom('25:99', '08:00'), odd),
      sites: fc.oneof(fc.dictionary(fc.constantFrom('linkedin', 'x', '__proto__', 'evil'), odd), odd),
      placement: fc.oneof(fc.dictionary(fc.constantFrom('linkedin', 'x', 'evil'), fc.oneof(fc.constantFrom('inpage', 'sidepanel', 'elsewhere'), odd)), odd),
    },
    { requiredKeys: [] },
  ),
);
const extreme = fc.constantFrom(1e300, -1e300, Number.MAX_VALUE, 8.64e15 + 1, -8.64e15 - 1, 2 ** 53, -1, 0, NOW);

type Spoil = (b: BackupData) => void;
const TIME_FIELDS: Record<keyof BackupData['tables'], string[]> = {
  people: ['createdAt', 'updatedAt', 'snoozedUntil', 'connectedAt'],
  profiles: ['createdAt', 'updatedAt'],
  touches: ['at', 'createdAt', 'updatedAt'],
  notes: ['dueAt', 'createdAt', 'updatedAt'],
};
const TABLES = Object.keys(TIME_FIELDS) as (keyof BackupData['tables'])[];
const spoil: fc.Arbitrary<Spoil> = fc.oneof(
  hostileSettings.map(
    (s): Spoil =>
      (b) =>
        void (b.settings = s),
  ),
  fc.tuple(fc.constantFrom(...TABLES), fc.nat(), fc.nat(), extreme).map(([t, i, f, v]): Spoil => (b) => {
    const rows = b.tables[t] as unknown as Record<string, unknown>[];
    const fields = TIME_FIELDS[t];
    if (rows.length) rows[i % rows.length]![fields[f % fields.length]!] = v;
  }),
  fc.tuple(fc.constantFrom(...TABLES), fc.nat()).map(([t, i]): Spoil => (b) => {
    const rows = b.tables[t] as unknown[];
    if (rows.length) rows.push(structuredClone(rows[i % rows.length]));
  }),
  fc.tuple(fc.constantFrom<'profiles' | 'touches' | 'notes'>('profiles', 'touches', 'notes'), fc.nat()).map(([t, i]): Spoil => (b) => {
    const rows = b.tables[t] as { personId: string }[];
    if (rows.length) rows[i % rows.length]!.personId = 'nobody';
  }),
  fc.nat().map((i): Spoil => (b) => {
    const p = b.tables.profiles[i % b.tables.profiles.length]!;
    b.tables.profiles.push({ ...p, id: `${p.id}-twin`, handle: p.handle.toUpperCase(), key: `linkedin:${p.handle}-forged` });
  }),
  fc.nat().map((i): Spoil => (b) => {
    const p = b.tables.people[i % b.tables.people.length]!;
    p.summary = { ...p.summary, dueAt: 1e300, passiveSince: 1e9 } as typeof p.summary;
    p.mergedInto = p.id;
  }),
  fc.tuple(fc.nat(), extreme).map(([i, v]): Spoil => (b) => {
    const p = b.tables.people[i % b.tables.people.length]!;
    p.rhythm = { idealDays: v, maxDays: v };
    p.birthday = { month: 2, day: 29, year: v };
  }),
);

describe('settings from anywhere are valid settings', () => {
  it('normalizeSettings returns usable settings for any input', () => {
    fc.assert(
      fc.property(hostileSettings, (raw) => {
        const s = normalizeSettings(raw);
        expect(() => new Intl.DateTimeFormat('en', { timeZone: resolveTimeZone(s) }).format(NOW)).not.toThrow();
        expect(['auto', 'en', 'it']).toContain(s.language);
        expect(s.circles.length).toBeGreaterThan(0);
        expect(s.circles.length).toBeLessThanOrEqual(50);
        for (const c of s.circles) {
          expect(typeof c.name).toBe('string');
          expect(c.name.length).toBeLessThanOrEqual(100);
          expect(c.rhythm.idealDays).toBeGreaterThanOrEqual(1);
          expect(c.rhythm.maxDays).toBeLessThanOrEqual(3650);
          expect(c.rhythm.maxDays).toBeGreaterThanOrEqual(c.rhythm.idealDays);
        }
        expect(normalizeSettings(s)).toEqual(s);
      }),
      { numRuns: 300 },
    );
  });

  it('a field that fails falls back alone; the rest is kept', () => {
    const s = normalizeSettings({
      timeZone: 'Bad/Zone',
      theme: 'dark',
      circles: [
        { id: 'x', name: {}, rhythm: { idealDays: 7, maxDays: 9 } },
        { id: 'y', name: 'Climbing', rhythm: { idealDays: 7, maxDays: 9 } },
      ],
    });
    expect(s.timeZone).toBe('');
    expect(s.theme).toBe('dark');
    expect(s.circles).toEqual([{ id: 'y', name: 'Climbing', rhythm: { idealDays: 7, maxDays: 9 } }]);
  });

  it('a bad zone already in storage does not reach the pages', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, timeZone: 'Bad/Zone', circles: [{ id: 'x', name: {} }] } as never);
    const s = await getSettings();
    expect(s.timeZone).toBe('');
    expect(s.circles).toEqual(DEFAULT_SETTINGS.circles);
  });
});

describe('hostile backups', () => {
  it('the circle select renders whatever circles it is given, or the page shows its way out', () => {
    const { container } = render(
      <ErrorBoundary wayOut={{ resetSettings: async () => undefined, exportData: async () => 'f.json' }}>
        <select>
          <CircleOptions circles={[{ id: 'x', name: {} as string, rhythm: { idealDays: 1, maxDays: 1 } }]} />
        </select>
      </ErrorBoundary>,
    );
    // Either way nothing is blank: the options, or the error screen with both ways out.
    if (container.querySelector('.page-error')) {
      expect(screen.getByRole('button', { name: 'Reset settings' })).toBeTruthy();
      expect(screen.getByRole('button', { name: 'Export what is there' })).toBeTruthy();
    } else expect(container.querySelector('select')).not.toBeNull();
  });

  it('times beyond the Date range are refused as damaged', async () => {
    const b = await baseBackup();
    b.tables.touches[0]!.at = 1e300;
    const err = await readBackup(JSON.stringify(b)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackupError);
    expect(failureKey(err)).toBe('backup_error_corrupt');
  });

  it('replace mode recomputes profile keys and summaries instead of trusting them', async () => {
    const b = await baseBackup();
    const ada = b.tables.people.find((p) => p.name === 'Ada')!;
    ada.summary = { ...ada.summary, dueAt: NOW + 3650 * DAY, personalTotal: 999 };
    b.tables.profiles.find((p) => p.personId === ada.id)!.key = 'linkedin:someone-else';
    await restoreBackup(db, await readBackup(JSON.stringify(b)), ctxAt(), { mode: 'replace' });
    const stored = (await db.people.get(ada.id))!;
    expect(stored.summary.personalTotal).toBe(1);
    expect(stored.summary.dueAt).toBeLessThan(NOW);
    expect((await db.profiles.where('personId').equals(ada.id).first())!.key).toBe('linkedin:ada');
  });

  it('a restore is refused with a clear message and nothing changed, or applied and every page renders', async () => {
    const base = await baseBackup();
    await seed(db);
    await updateSettings({ dailyNudgeLimit: 3 });
    await fc.assert(
      fc.asyncProperty(fc.array(spoil, { minLength: 1, maxLength: 3 }), fc.constantFrom<'merge' | 'replace'>('merge', 'replace'), async (spoils, mode) => {
        const b = structuredClone(base);
        for (const s of spoils) s(b);
        const before = await everything(db);
        const settingsBefore = await getSettings();
        let refused: unknown;
        try {
          const data = await readBackup(JSON.stringify(b));
          await restoreBackup(db, data, ctxAt(Date.now()), { mode, writeSettings: (fn) => updateSettings(fn), settingsBefore });
        } catch (err) {
          refused = err;
        }
        if (refused !== undefined) {
          expect(refused).toBeInstanceOf(BackupError);
          expect(failureKey(refused)).toMatch(/^backup_error_/);
          expect(await everything(db)).toEqual(before);
          expect(await getSettings()).toEqual(settingsBefore);
          return;
        }
        await everyPageRenders(b);
      }),
      { numRuns: 30 },
    );
  }, 300_000);
});
