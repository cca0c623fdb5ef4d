/**
 * The side panel with no profile in view: a search above today's list. A result
 * with a LinkedIn profile opens like a person in the list (their profile in the tab,
 * their panel here); one without is shown in the panel itself. In both languages.
 */
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { useUiStore } from '@/components/i18n';
import { SidePanelApp } from '@/components/SidePanelApp';
import { setDbForTests, type KithDB } from '@/lib/db/db';
import { addNote, addPerson } from '@/lib/db/writes';
import type { Lang } from '@/lib/i18n';
import { PeopleSearch } from '@/lib/search/people-search';
import { memoryIndexStorage } from '@/lib/search/persist';
import { ctxAt, freshDb, NOW } from '@/tests/unit/db/helpers';

let db: KithDB;
let created: string[];
beforeEach(async () => {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.windows, 'getCurrent').mockResolvedValue({ id: 1 } as Awaited<ReturnType<typeof fakeBrowser.windows.getCurrent>>);
  vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([]);
  created = [];
  vi.spyOn(fakeBrowser.tabs, 'create').mockImplementation(async (p) => {
    created.push(p.url ?? '');
    return { id: 9 } as Awaited<ReturnType<typeof fakeBrowser.tabs.create>>;
  });
  db = freshDb();
  setDbForTests(db);
  let t = NOW;
  const ada = await addPerson(db, { name: 'Ada Lovelace', identity: { site: 'linkedin', handle: 'ada-lovelace' } }, ctxAt(++t));
  await addNote(db, { personId: ada.id, kind: 'listening', text: 'Loves the Analytical Engine' }, ctxAt(++t));
  const nonna = await addPerson(db, { name: 'Nonna Pina' }, ctxAt(++t));
  await addNote(db, { personId: nonna.id, kind: 'listening', text: 'Il suo ragù della domenica' }, ctxAt(++t));
  const search = new PeopleSearch(db, { storage: memoryIndexStorage() });
  await search.open();
  // The background's answer to search/query, from a real index over the same database.
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (msg: { type: string; query: string; limit?: number }) =>
    msg.type === 'search/query' ? { ok: true, data: await search.query(msg.query, msg.limit) } : { ok: true, data: null }) as never);
});
afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  setDbForTests(undefined);
  await db.delete();
});

const TEXT = {
  en: { label: 'Search people and notes', note: 'Note:', back: 'Back to today’s list', timeline: 'Timeline', addDate: 'Add a date' },
  it: { label: 'Cerca persone e note', note: 'Nota:', back: 'Torna alla lista di oggi', timeline: 'Cronologia', addDate: 'Aggiungi una data' },
} as const;

describe.each(['en', 'it'] as const)('the side panel search (%s)', (lang: Lang) => {
  beforeEach(() => {
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue(lang);
    useUiStore.setState({ lang });
  });

  it('finds someone by a note and opens their panel when they have a LinkedIn profile', async () => {
    render(<SidePanelApp />);
    const box = await screen.findByRole('combobox', { name: TEXT[lang].label });
    await userEvent.type(box, 'analytic');
    const option = await screen.findByRole('option', { name: /Ada Lovelace/ });
    expect(option.textContent).toContain(`${TEXT[lang].note} Loves the Analytical Engine`);
    await userEvent.click(option);
    await screen.findByRole('heading', { level: 1, name: 'Ada Lovelace' });
  });

  it('shows someone without a profile here, in the panel, with the way back to the list', async () => {
    render(<SidePanelApp />);
    await userEvent.type(await screen.findByRole('combobox', { name: TEXT[lang].label }), 'ragu');
    await userEvent.click(await screen.findByRole('option', { name: /Nonna Pina/ }));
    await screen.findByRole('heading', { level: 1, name: 'Nonna Pina' });
    expect(created).toEqual([]);
    // The same person page as for a profile: their dates and their timeline, with the note in it.
    const timeline = screen.getByRole('heading', { level: 2, name: TEXT[lang].timeline }).closest('section')!;
    expect(timeline.textContent).toContain('Il suo ragù della domenica');
    expect(screen.getByRole('button', { name: TEXT[lang].addDate })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: TEXT[lang].back }));
    await screen.findByRole('combobox', { name: TEXT[lang].label });
  });
});
