/**
 * The person editor's dates, name-day suggestion and timeline, in English and
 * Italian: what the user reads, and what each action stores through the write
 * path.
 */
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { KithDB } from '@/lib/db/db';
import { addNote, addPerson, logTouch, type WriteContext } from '@/lib/db/writes';
import { DEFAULT_CIRCLES } from '@/lib/model/settings';
import { updateSettings } from '@/lib/settings/store';
import { installOptionsPageHarness, openOptions } from './page-harness';

const TZ = 'Europe/Rome';
let db: KithDB;
const ctx = (now = Date.now()): WriteContext => ({ now, timeZone: TZ, circles: DEFAULT_CIRCLES });
const page = installOptionsPageHarness();

const WORDS = {
  en: {
    // Day and month in the order of the browser's English, as every date Kith shows.
    suggest: "Giulia's name day is May 22: add it?",
    add: 'Add the name day',
    notNow: 'Not now',
    suggestSetting: 'Suggest the name day (onomastico) of a first name Kith knows',
    nameDay: 'Name day',
    dates: 'Dates that matter',
    addDate: 'Add a date',
    what: 'What',
    once: 'Something that happens once (an exam, a move)',
    label: 'Label',
    day: 'Day',
    month: 'Month',
    year: 'Year',
    february: 'February',
    march: 'March',
    save: 'Save the date',
    invalid: 'This day does not exist: check day, month and year (from 1900).',
    removeNameDay: 'Remove Name day',
    timeline: 'Timeline',
    imported: 'Imported from LinkedIn',
    editCall: 'Edit: Call: about the trip',
    deleteCall: 'Delete: Call: about the trip',
    deleteNote: 'Delete: Something you heard: loves sailing',
    text: 'Text',
    saveEntry: 'Save',
    added: 'Added to Kith',
  },
  it: {
    suggest: "L'onomastico di Giulia è il 22 maggio: lo aggiungi?",
    add: "Aggiungi l'onomastico",
    notNow: 'Non ora',
    suggestSetting: "Suggerisci l'onomastico dei nomi che Kith conosce",
    nameDay: 'Onomastico',
    dates: 'Date che contano',
    addDate: 'Aggiungi una data',
    what: 'Cosa',
    once: 'Una cosa che capita una volta (un esame, un trasloco)',
    label: 'Etichetta',
    day: 'Giorno',
    month: 'Mese',
    year: 'Anno',
    february: 'febbraio',
    march: 'marzo',
    save: 'Salva la data',
    invalid: 'Questo giorno non esiste: controlla giorno, mese e anno (dal 1900).',
    removeNameDay: 'Rimuovi Onomastico',
    timeline: 'Cronologia',
    imported: 'Importato da LinkedIn',
    editCall: 'Modifica: Chiamata: about the trip',
    deleteCall: 'Elimina: Chiamata: about the trip',
    deleteNote: 'Elimina: Qualcosa che hai ascoltato: loves sailing',
    text: 'Testo',
    saveEntry: 'Salva',
    added: 'Aggiunto a Kith',
  },
} as const;

beforeEach(() => {
  db = page.db;
});

describe.each(['en', 'it'] as const)('the person editor in %s', (lang) => {
  const w = WORDS[lang];
  beforeEach(async () => {
    await updateSettings({ timeZone: TZ, language: lang });
  });

  it('suggests the name day of a known first name, and adds it only when asked', async () => {
    const user = userEvent.setup();
    const p = await addPerson(db, { name: 'Giulia Rossi' }, ctx());
    await openOptions(`#/people/${p.id}`);
    expect(await screen.findByText(w.suggest, {}, { timeout: 5000 })).toBeTruthy();
    expect((await db.people.get(p.id))!.dates).toBeUndefined();
    await user.click(screen.getByRole('button', { name: w.add }));
    await waitFor(async () => expect((await db.people.get(p.id))!.dates).toEqual([expect.objectContaining({ kind: 'nameday', month: 5, day: 22 })]));
    await waitFor(() => expect(screen.queryByText(w.suggest)).toBeNull());
    // The user can always take it off by hand; the suggestion then comes back as a suggestion, nothing more.
    await user.click(screen.getByRole('button', { name: w.removeNameDay }));
    await waitFor(async () => expect((await db.people.get(p.id))!.dates).toBeUndefined());
    expect(await screen.findByText(w.suggest, {}, { timeout: 5000 })).toBeTruthy();
  });

  it('"Not now" stores nothing and hides the suggestion', async () => {
    const user = userEvent.setup();
    const p = await addPerson(db, { name: 'Giulia Verdi' }, ctx());
    await openOptions(`#/people/${p.id}`);
    await user.click(await screen.findByRole('button', { name: w.notNow }));
    expect(screen.queryByText(w.suggest)).toBeNull();
    expect((await db.people.get(p.id))!.dates).toBeUndefined();
  });

  it('offers no name day once the user turned the suggestion off in the settings, and offers it again when turned back on', async () => {
    const user = userEvent.setup();
    const p = await addPerson(db, { name: 'Giulia Bianchi' }, ctx());
    await openOptions('#/settings');
    const box = await screen.findByRole('checkbox', { name: w.suggestSetting });
    expect((box as HTMLInputElement).checked).toBe(true);
    await user.click(box);
    await waitFor(() => expect((box as HTMLInputElement).checked).toBe(false));
    cleanup();
    await openOptions(`#/people/${p.id}`);
    await screen.findByRole('button', { name: w.addDate });
    expect(screen.queryByText(w.suggest)).toBeNull();
    await updateSettings({ suggestNameDays: true });
    expect(await screen.findByText(w.suggest, {}, { timeout: 5000 })).toBeTruthy();
    expect((await db.people.get(p.id))!.dates).toBeUndefined();
  });

  it('adds a one-off date, and refuses a day that does not exist', async () => {
    const user = userEvent.setup();
    const p = await addPerson(db, { name: 'Kevin Smith' }, ctx());
    await openOptions(`#/people/${p.id}`);
    const section = (await screen.findByRole('heading', { name: w.dates })).closest('section')!;
    await user.click(within(section).getByRole('button', { name: w.addDate }));
    const form = within(section).getByRole('form', { name: w.addDate });
    await user.selectOptions(within(form).getByLabelText(w.what), w.once);
    await user.type(within(form).getByLabelText(w.label), 'her exam');
    await user.type(within(form).getByLabelText(w.day), '30');
    await user.selectOptions(within(form).getByLabelText(w.month), w.february);
    await user.type(within(form).getByLabelText(w.year), '2026');
    await user.click(within(form).getByRole('button', { name: w.save }));
    expect((await within(form).findByRole('alert')).textContent).toBe(w.invalid);
    expect((await db.people.get(p.id))!.dates).toBeUndefined();

    await user.clear(within(form).getByLabelText(w.day));
    await user.type(within(form).getByLabelText(w.day), '12');
    await user.selectOptions(within(form).getByLabelText(w.month), w.march);
    await user.click(within(form).getByRole('button', { name: w.save }));
    await waitFor(async () =>
      expect((await db.people.get(p.id))!.dates).toEqual([
        expect.objectContaining({ kind: 'other', label: 'her exam', month: 3, day: 12, year: 2026, once: true }),
      ]),
    );
    expect(await within(section).findByText('her exam')).toBeTruthy();
  });

  it('shows one timeline, says what was imported, and edits and deletes entries in place', async () => {
    const user = userEvent.setup();
    const now = Date.now();
    const p = await addPerson(db, { name: 'Kevin Smith' }, ctx(now - 30 * 86_400_000));
    const call = await logTouch(db, { personId: p.id, channel: 'call', at: now - 3 * 86_400_000, note: 'about the trip', source: 'manual' }, ctx());
    await logTouch(db, { personId: p.id, channel: 'message', at: now - 10 * 86_400_000, source: 'import', sourceKey: 'li-msg:abc' }, ctx());
    const note = await addNote(db, { personId: p.id, kind: 'listening', text: 'loves sailing' }, ctx());
    await openOptions(`#/people/${p.id}`);
    const timeline = (await screen.findByRole('heading', { name: w.timeline })).closest('section')!;
    const entries = () => within(timeline).getAllByRole('listitem');
    await waitFor(() => expect(entries()).toHaveLength(4));
    expect(within(timeline).getByText(w.imported, { exact: false })).toBeTruthy();
    expect(entries().at(-1)!.textContent).toContain(w.added);

    await user.click(within(timeline).getByRole('button', { name: w.editCall }));
    const text = within(timeline).getByLabelText(w.text);
    expect(document.activeElement).not.toBe(document.body);
    await user.clear(text);
    await user.type(text, 'about the boat');
    await user.click(within(timeline).getByRole('button', { name: w.saveEntry }));
    await waitFor(async () => expect((await db.touches.get(call.id))!.note).toBe('about the boat'));

    await user.click(await within(timeline).findByRole('button', { name: w.deleteNote }));
    await waitFor(async () => expect((await db.notes.get(note.id))!.deletedAt).toBeDefined());
    await waitFor(() => expect(entries()).toHaveLength(3));
    await user.click(within(timeline).getByRole('button', { name: w.deleteCall.replace('trip', 'boat') }));
    await waitFor(async () => expect((await db.touches.get(call.id))!.deletedAt).toBeDefined());
    await waitFor(() => expect(entries()).toHaveLength(2));
  });
});
