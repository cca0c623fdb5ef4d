/**
 * The options page's people list finds people by the words of their notes and
 * touches too (the background's full-text search), each such row saying why.
 * In both languages.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { useUiStore } from '@/components/i18n';
import { addNote, addPerson, logTouch } from '@/lib/db/writes';
import type { Lang } from '@/lib/i18n';
import { PeopleSearch } from '@/lib/search/people-search';
import { memoryIndexStorage } from '@/lib/search/persist';
import { ctxAt } from '@/tests/unit/db/helpers';
import { installOptionsPageHarness, openOptions } from './page-harness';

const page = installOptionsPageHarness();

const TEXT = {
  en: { search: 'Search', people: 'People', note: 'Note:', touch: 'Conversation:' },
  it: { search: 'Cerca', people: 'Persone', note: 'Nota:', touch: 'Conversazione:' },
} as const;

describe.each(['en', 'it'] as const)('the people list, searching notes (%s)', (lang: Lang) => {
  beforeEach(async () => {
    const { db } = page;
    let t = Date.now() - 10_000;
    const ada = await addPerson(db, { name: 'Ada Lovelace' }, ctxAt(++t));
    await addNote(db, { personId: ada.id, kind: 'listening', text: 'Her mother wrote poems about the Analytical Engine' }, ctxAt(++t));
    const bruno = await addPerson(db, { name: 'Bruno Rossi' }, ctxAt(++t));
    await logTouch(db, { personId: bruno.id, channel: 'call', note: 'Parlato del forno a legna', source: 'manual' }, ctxAt(++t));
    await addPerson(db, { name: 'Carla Bianchi' }, ctxAt(++t));
    const search = new PeopleSearch(db, { storage: memoryIndexStorage() });
    await search.open();
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (msg: { type: string; query: string; limit?: number }) =>
      msg.type === 'search/query' ? { ok: true, data: await search.query(msg.query, msg.limit) } : { ok: true, data: null }) as never);
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue(lang);
    useUiStore.setState({ lang });
  });

  it.each([
    ['poems', 'Ada Lovelace', 'note', 'Her mother wrote poems about the Analytical Engine'],
    ['forno', 'Bruno Rossi', 'touch', 'Parlato del forno a legna'],
  ] as const)('"%s" finds %s, with the snippet', async (query, name, field, snippet) => {
    const user = userEvent.setup();
    await openOptions('#/people');
    const list = await screen.findByRole('listbox', { name: TEXT[lang].people });
    expect(within(list).getAllByRole('option')).toHaveLength(3);
    await user.type(screen.getByLabelText(TEXT[lang].search), query);
    await waitFor(() =>
      expect(
        within(screen.getByRole('listbox'))
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual([expect.stringContaining(name)]),
    );
    expect(screen.getByRole('listbox').textContent).toContain(`${TEXT[lang][field]} ${snippet}`);
  });
});
