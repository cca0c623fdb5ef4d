/**
 * The search box of the popup and the side panel: typing replaces the page's list
 * with the people found, each with why they matched; arrows and Enter open one;
 * the result count is announced; while the index is built, how far. Against a real
 * index over a real Dexie database (fake-indexeddb), in both languages.
 */
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PeopleSearchBox } from '@/components/search/PeopleSearchBox';
import { useUiStore } from '@/components/i18n';
import type { KithDB } from '@/lib/db/db';
import { addNote, addPerson, deleteNote, editPerson } from '@/lib/db/writes';
import type { Lang } from '@/lib/i18n';
import { PeopleSearch, type SearchReply } from '@/lib/search/people-search';
import { memoryIndexStorage } from '@/lib/search/persist';
import type { PersonMatch } from '@/lib/ui/search-client';
import { ctxAt, freshDb, NOW } from '@/tests/unit/db/helpers';

let db: KithDB;
let search: PeopleSearch;
beforeEach(async () => {
  db = freshDb();
  let t = NOW;
  const anna = await addPerson(db, { name: 'Anna Rossi', headline: 'Potter' }, ctxAt(++t));
  await addNote(db, { personId: anna.id, kind: 'listening', text: 'We met at the ceramics class in Faenza, years ago' }, ctxAt(++t));
  const bruno = await addPerson(db, { name: 'Bruno Neri' }, ctxAt(++t));
  await editPerson(db, bruno.id, { company: 'Ceramiche Bruno' }, ctxAt(++t));
  search = new PeopleSearch(db, { storage: memoryIndexStorage() });
  await search.open();
});
afterEach(() => {
  cleanup();
  db.close();
});

function setup(lang: Lang, query: (q: string, limit: number) => Promise<SearchReply> = (q, l) => search.query(q, l)) {
  useUiStore.setState({ lang });
  const opened: PersonMatch[] = [];
  render(
    <PeopleSearchBox onOpen={(m) => opened.push(m)} search={query}>
      <p>Today’s list</p>
    </PeopleSearchBox>,
  );
  return { opened, box: screen.getByRole('combobox') };
}

const TEXT = {
  en: {
    label: 'Search people and notes',
    one: '1 person found',
    two: '2 people found',
    none: 'No one matches “zzz”.',
    note: 'Note:',
    building: 'Building the search index… 40%',
  },
  it: {
    label: 'Cerca persone e note',
    one: '1 persona trovata',
    two: '2 persone trovate',
    none: 'Nessuno corrisponde a «zzz».',
    note: 'Nota:',
    building: 'Preparo l’indice di ricerca… 40%',
  },
} as const;

describe.each(['en', 'it'] as const)('the search box (%s)', (lang) => {
  const T = TEXT[lang];

  it('finds a person by a word only in a note, shows the snippet, and opens them with Enter', async () => {
    const { opened, box } = setup(lang);
    expect(screen.getByText('Today’s list')).toBeTruthy();
    expect(box.getAttribute('aria-label')).toBe(T.label);
    await userEvent.type(box, 'faenz');
    const option = await screen.findByRole('option', { name: /Anna Rossi/ });
    expect(option.textContent).toContain(`${T.note} We met at the ceramics class in Faenza, years ago`);
    expect(option.querySelector('mark')?.textContent).toBe('Faenza');
    expect(screen.queryByText('Today’s list')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe(T.one);
    await userEvent.keyboard('{Enter}');
    expect(opened.map((m) => m.name)).toEqual(['Anna Rossi']);
  });

  it('moves through the results with the arrow keys, and announces how many', async () => {
    const { opened, box } = setup(lang);
    await userEvent.type(box, 'ceram');
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(2));
    expect(screen.getByRole('status').textContent).toBe(T.two);
    const names = screen.getAllByRole('option').map((o) => o.querySelector('.search-name')!.textContent);
    await userEvent.keyboard('{ArrowDown}');
    expect(box.getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[1]!.id);
    expect(screen.getAllByRole('option')[1]!.getAttribute('aria-selected')).toBe('true');
    await userEvent.keyboard('{Enter}');
    expect(opened.map((m) => m.name)).toEqual([names[1]]);
  });

  it('says when no one matches, and brings the list back when cleared with Escape', async () => {
    const { box } = setup(lang);
    await userEvent.type(box, 'zzz');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe(T.none));
    await userEvent.keyboard('{Escape}');
    expect((box as HTMLInputElement).value).toBe('');
    expect(screen.getByText('Today’s list')).toBeTruthy();
  });

  it('opens a person with a click', async () => {
    const { opened, box } = setup(lang);
    await userEvent.type(box, 'bruno');
    await userEvent.click(await screen.findByRole('option', { name: /Bruno Neri/ }));
    expect(opened.map((m) => m.id)).toHaveLength(1);
  });

  it('follows the data: a person written while results are shown joins them, and a deleted note drops its match, with no keystroke', async () => {
    const { box } = setup(lang);
    await userEvent.type(box, 'faenz');
    await screen.findByRole('option', { name: /Anna Rossi/ });
    expect(screen.getByRole('status').textContent).toBe(T.one);
    // Written elsewhere (another page, or a sync in the background): the box hears it through Dexie.
    const carla = await addPerson(db, { name: 'Carla Bianchi' }, ctxAt(NOW + 100));
    const kiln = await addNote(db, { personId: carla.id, kind: 'listening', text: 'Fires her kiln in Faenza every spring' }, ctxAt(NOW + 101));
    await screen.findByRole('option', { name: /Carla Bianchi/ });
    expect(screen.getByRole('status').textContent).toBe(T.two);
    expect((box as HTMLInputElement).value).toBe('faenz');
    await deleteNote(db, kiln.id, ctxAt(NOW + 102));
    await waitFor(() => expect(screen.queryByRole('option', { name: /Carla Bianchi/ })).toBeNull());
    expect(screen.getAllByRole('option').map((o) => o.querySelector('.search-name')!.textContent)).toEqual(['Anna Rossi']);
  });

  it('keeps the highlighted person highlighted when the results refresh under it', async () => {
    const { opened, box } = setup(lang);
    await userEvent.type(box, 'ceram');
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(2));
    await userEvent.keyboard('{ArrowDown}');
    const chosen = screen.getAllByRole('option')[1]!.querySelector('.search-name')!.textContent;
    // Someone whose name matches best arrives from elsewhere, and takes the first place.
    await addPerson(db, { name: 'Ceramica Esposito' }, ctxAt(NOW + 100));
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(3));
    const selected = screen.getAllByRole('option').filter((o) => o.getAttribute('aria-selected') === 'true');
    expect(selected.map((o) => o.querySelector('.search-name')!.textContent)).toEqual([chosen]);
    expect(box.getAttribute('aria-activedescendant')).toBe(selected[0]!.id);
    await userEvent.keyboard('{Enter}');
    expect(opened.map((m) => m.name)).toEqual([chosen]);
  });

  it('shows how far the index is while it is being built', async () => {
    const { box } = setup(lang, async () => ({ state: 'building', done: 400, total: 1000 }));
    await userEvent.type(box, 'an');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe(T.building));
  });
});
