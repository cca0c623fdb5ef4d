/**
 * Quota exhausted in the middle of an import ("Nothing lost", a promise in the README). The nth
 * write IndexedDB is asked for (IDBObjectStore add or put, fake-indexeddb) fails
 * with a QuotaExceededError, the two ways a browser reports it:
 * - 'request': the request fails asynchronously and the transaction aborts with
 *   QuotaExceededError as its error (what Chromium and Firefox do);
 * - 'throw': the call itself throws a QuotaExceededError.
 * Whichever write it is (a new person, a profile, a touch, a filled-in person, a
 * summary), the import is rolled back whole: every table is byte-identical to
 * before (v8 serialisation of every row, in key order), and the error is a
 * StorageError 'quota', which the import screen words in the user's language.
 */
import { serialize } from 'node:v8';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { strToU8, zipSync } from 'fflate';
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsApp } from '@/components/OptionsApp';
import { useUiStore } from '@/components/i18n';
import { setDbForTests, type KithDB } from '@/lib/db/db';
import { updateSettings } from '@/lib/settings/store';
import { applyImport, addNote, addPerson, logTouch } from '@/lib/db/writes';
import { readExisting } from '@/lib/db/read';
import { StorageError } from '@/lib/db/errors';
import { detectAndParse } from '@/lib/import/detect';
import { mergePlan } from '@/lib/import/merge';
import { connectionsCsv, genHandle, genName, messagesCsv } from '@/tests/fixtures/e2e/connections-csv';
import { PROFILE_CSV } from '@/tests/fixtures/e2e/linkedin-zip';
import { resetSettingsStore } from '@/tests/unit/components/settings-seed';
import { ctxAt, DAY, freshDb, NOW } from './helpers';

const ROWS = 600;
const zip = zipSync({
  'Connections.csv': strToU8(connectionsCsv(ROWS)),
  'messages.csv': strToU8(messagesCsv(150, 2)),
  'Profile.csv': strToU8(PROFILE_CSV),
});

let db: KithDB;
afterEach(async () => {
  restore();
  cleanup();
  vi.restoreAllMocks();
  setDbForTests(undefined);
  location.hash = '';
  await db?.delete();
});

type Mode = 'request' | 'throw';
type Method = 'add' | 'put';
const proto = IDBObjectStore.prototype as unknown as Record<Method, (this: IDBObjectStore, ...a: unknown[]) => IDBRequest>;
const original = { add: proto.add, put: proto.put };
function restore() {
  proto.add = original.add;
  proto.put = original.put;
}

const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

/**
 * Count every add/put; the `failAt`-th (1-based) fails. Returns the counter.
 * The failing request goes through fake-indexeddb's own request machinery, so the
 * request's error event and the transaction's abort happen as in a browser.
 */
function patchWrites(failAt: number, mode: Mode): { calls: number; failed?: string } {
  const state: { calls: number; failed?: string } = { calls: 0 };
  for (const m of ['add', 'put'] as const) {
    proto[m] = function (this: IDBObjectStore, ...args: unknown[]) {
      state.calls++;
      if (state.calls === failAt) {
        state.failed = `${m} ${this.name}`;
        if (mode === 'throw') throw quotaError();
        const tx = this.transaction as unknown as { _execRequestAsync(o: { operation: () => never; source: unknown }): IDBRequest };
        return tx._execRequestAsync({
          operation: () => {
            throw quotaError();
          },
          source: this,
        });
      }
      return original[m].apply(this, args);
    };
  }
  return state;
}

/** Every table, serialised row by row in primary-key order. */
async function snapshot(d: KithDB): Promise<Record<string, Buffer>> {
  const out: Record<string, Buffer> = {};
  for (const t of d.tables) out[t.name] = serialize(await t.toArray());
  return out;
}

async function counts(d: KithDB) {
  return {
    people: await d.people.count(),
    profiles: await d.profiles.count(),
    touches: await d.touches.count(),
    notes: await d.notes.count(),
    meta: await d.meta.count(),
  };
}

/** Someone already in Kith before the import: some of the imported rows are about them. */
async function seedExisting(d: KithDB) {
  const ctx = ctxAt();
  for (const i of [0, 1, 2, 500]) {
    const p = await addPerson(d, { name: genName(i), identity: { site: 'linkedin', handle: genHandle(i) } }, ctx);
    await logTouch(d, { personId: p.id, channel: 'call', source: 'manual', at: NOW - 20 * DAY }, ctx);
    await addNote(d, { personId: p.id, kind: 'listening', text: `note about ${genName(i)}` }, ctx);
  }
  await addPerson(d, { name: 'Someone not in the file' }, ctx);
  await d.meta.put({ key: 'lastDigestDay', value: '2026-11-24' });
}

async function planFor(d: KithDB) {
  return mergePlan(await readExisting(d), detectAndParse('Basic_LinkedInDataExport_11-25-2026.zip', zip, { now: NOW }));
}

/** How many add/put calls a whole import makes, and which ones, in order. */
async function writesOfAWholeImport(): Promise<string[]> {
  const d = freshDb();
  await seedExisting(d);
  const plan = await planFor(d);
  const seen: string[] = [];
  for (const m of ['add', 'put'] as const) {
    proto[m] = function (this: IDBObjectStore, ...args: unknown[]) {
      seen.push(`${m} ${this.name}`);
      return original[m].apply(this, args);
    };
  }
  try {
    await applyImport(d, plan, ctxAt());
  } finally {
    restore();
    await d.delete();
  }
  return seen;
}

describe('quota exhausted during an import', () => {
  it.each([
    ['en', 'en-US', "Your browser's storage is full, so nothing was saved. Free some space and try again.", 'Nothing was written'],
    ['it', 'it-IT', 'Lo spazio del browser è pieno, quindi non è stato salvato nulla. Libera spazio e riprova.', 'Non è stato scritto nulla'],
  ])("the import screen says so in the user's language (%s), and nothing is written", async (lang, uiLang, message, nothing) => {
    fakeBrowser.reset();
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue(uiLang);
    await updateSettings({ language: lang as 'en' | 'it' });
    useUiStore.setState({ lang: lang as 'en' | 'it' });
    db = freshDb();
    setDbForTests(db);
    await seedExisting(db);
    const before = await snapshot(db);
    const user = userEvent.setup();
    location.hash = '#/import';
    resetSettingsStore();
    render(createElement(OptionsApp));
    const pick = await screen.findByLabelText(lang === 'en' ? 'Choose files' : /Scegli/);
    await user.upload(pick as HTMLInputElement, new File([connectionsCsv(50)], 'Connections.csv', { type: 'text/csv' }));
    const preview = await screen.findByRole('region', { name: lang === 'en' ? 'Before importing' : 'Prima di importare' });
    // The 60th write fails (a profile): the 50 people were already written inside the transaction.
    const state = patchWrites(60, 'request');
    await user.click(within(preview).getByRole('button', { name: lang === 'en' ? 'Import' : 'Importa' }));
    const alert = await screen.findByRole('alert');
    restore();
    expect(state.failed).toBeDefined();
    expect(alert.textContent).toContain(message);
    expect(alert.textContent).toContain(nothing);
    expect(await snapshot(db)).toEqual(before);
  });

  it('the whole import is rolled back, whichever write hits the quota, and the error is StorageError "quota"', { timeout: 90_000 }, async () => {
    const writes = await writesOfAWholeImport();
    // The import writes new people, their profiles and touches, fills and summaries of people who exist.
    const kinds = [...new Set(writes)];
    expect(kinds).toEqual(expect.arrayContaining(['add people', 'add profiles', 'add touches', 'put people']));
    // The first and last write of each kind, and a few in the middle.
    const points = new Set<number>([1, Math.floor(writes.length / 3), Math.floor(writes.length / 2), writes.length]);
    for (const k of kinds) {
      points.add(writes.indexOf(k) + 1);
      points.add(writes.lastIndexOf(k) + 1);
    }

    const results: string[] = [];
    for (const mode of ['request', 'throw'] as const) {
      for (const at of [...points].sort((a, b) => a - b)) {
        db = freshDb();
        await seedExisting(db);
        const plan = await planFor(db);
        expect(plan.counts.new).toBe(ROWS - 4);
        const before = await snapshot(db);
        const beforeCounts = await counts(db);
        const state = patchWrites(at, mode);
        const err = await applyImport(db, plan, ctxAt()).then(
          () => undefined,
          (e: unknown) => e,
        );
        restore();
        expect(state.failed, `write ${at} was reached`).toBeDefined();
        expect(err, `${mode} at write ${at} (${state.failed})`).toBeInstanceOf(StorageError);
        expect((err as StorageError).code).toBe('quota');
        expect(await snapshot(db), `${mode} at write ${at} (${state.failed})`).toEqual(before);
        expect(await counts(db)).toEqual(beforeCounts);
        results.push(`${mode}@${at}/${writes.length} ${state.failed}`);

        // And with space again, the same plan goes through completely.
        if (at === writes.length) {
          await applyImport(db, plan, ctxAt());
          const after = await counts(db);
          expect(after.people).toBe(ROWS + 1);
          expect(after.profiles).toBe(ROWS);
        }
        await db.delete();
      }
    }
    console.log(`quota: rolled back whole at ${results.length} failure points: ${results.join(', ')}`);
  });
});
