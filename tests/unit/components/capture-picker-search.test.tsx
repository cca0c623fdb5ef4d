/**
 * The capture picker finds people with the same full-text search as the search
 * box (by a word in their notes, an e-mail, a phone, not only the name), shows the
 * same rows (headline, company, why they matched), keeps choosing by button and
 * keyboard, and falls back to names while the index is still being built. In both
 * languages.
 */
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { useUiStore } from '@/components/i18n';
import { SidePanelApp } from '@/components/SidePanelApp';
import { useToasts } from '@/components/options/toast';
import { setDbForTests, type KithDB } from '@/lib/db/db';
import { addNote, addPerson, addPersonByHand, addToPersonByHand } from '@/lib/db/writes';
import { translate, type Lang, type MessageKey } from '@/lib/i18n';
import { PeopleSearch, type SearchReply } from '@/lib/search/people-search';
import { memoryIndexStorage } from '@/lib/search/persist';
import { pendingCaptureItem, type PendingCapture } from '@/lib/ui/capture';
import { resetSettingsStore } from '@/tests/unit/components/settings-seed';
import { ctxAt, freshDb, NOW } from '@/tests/unit/db/helpers';

let db: KithDB;
let search: PeopleSearch;
let ids: Record<string, string>;
/** What the background answers to search/query: the real index by default. */
let answer: (query: string, limit?: number) => Promise<SearchReply>;

beforeEach(async () => {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.windows, 'getCurrent').mockResolvedValue({ id: 1 } as Awaited<ReturnType<typeof fakeBrowser.windows.getCurrent>>);
  vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([]);
  useToasts.setState({ toast: undefined });
  resetSettingsStore();
  db = freshDb();
  setDbForTests(db);
  let t = NOW;
  const giulia = await addPersonByHand(db, { name: 'Giulia Verdi', emails: ['giulia@example.org'] }, ctxAt(++t));
  await addNote(db, { personId: giulia.id, kind: 'listening', text: 'Her son starts at the conservatorio in September' }, ctxAt(++t));
  const marco = await addPerson(db, { name: 'Marco Bianchi', headline: 'Luthier in Cremona' }, ctxAt(++t));
  await addToPersonByHand(db, marco.id, { name: 'Marco Bianchi', phones: ['+39 055 987 6543'] }, ctxAt(++t));
  await addPerson(db, { name: 'Anna Conti' }, ctxAt(++t));
  ids = { giulia: giulia.id, marco: marco.id };
  search = new PeopleSearch(db, { storage: memoryIndexStorage() });
  await search.open();
  answer = (q, limit) => search.query(q, limit);
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (msg: { type: string; query: string; limit?: number }) =>
    msg.type === 'search/query' ? { ok: true, data: await answer(msg.query, msg.limit) } : { ok: true, data: null }) as never);
});
afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  search.close();
  setDbForTests(undefined);
  await db.delete();
});

const note = (): PendingCapture => ({ kind: 'note', text: 'The concert is on 12 May.', source: { url: 'https://example.org/concert' }, at: Date.now() });

describe.each<Lang>(['en', 'it'])('the capture picker finds people by everything (%s)', (lang) => {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);
  beforeEach(() => {
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue(lang === 'it' ? 'it-IT' : 'en-US');
    useUiStore.setState({ lang });
  });

  async function picker(capture: PendingCapture = note()) {
    await pendingCaptureItem.setValue(capture);
    render(<SidePanelApp />);
    return screen.findByRole('region', { name: t(TITLE[capture.kind]) });
  }
  const TITLE = { note: 'capture_title_note', email: 'capture_title_email', phone: 'capture_title_phone' } as const;

  it('finds someone by a word only in a note, says why, and saves the capture to them', async () => {
    const user = userEvent.setup();
    const region = await picker();
    await user.type(within(region).getByLabelText(t('capture_find_note')), 'conserv');
    const hit = await within(region).findByRole('button', { name: 'Giulia Verdi' });
    // The same row as the search box: the note with the word that matched.
    expect(hit.textContent).toContain(`${t('search_field_notes')}: Her son starts at the conservatorio in September`);
    expect(hit.querySelector('mark')?.textContent).toBe('conservatorio');
    await user.click(hit);
    expect(hit.getAttribute('aria-pressed')).toBe('true');
    await user.click(within(region).getByRole('button', { name: t('capture_save_to', { name: 'Giulia Verdi' }) }));
    await screen.findByRole('heading', { level: 1, name: 'Giulia Verdi' });
    expect((await db.notes.where('personId').equals(ids.giulia!).toArray()).map((n) => n.text)).toContain('The concert is on 12 May.');
  });

  it('finds someone by a phone typed as digits and by an e-mail, each row saying which', async () => {
    const user = userEvent.setup();
    const region = await picker({ kind: 'phone', text: '+39 055 111 2222', at: Date.now() });
    const box = within(region).getByLabelText(t('capture_find_contact'));
    await user.type(box, '9876543');
    const marco = await within(region).findByRole('button', { name: 'Marco Bianchi' });
    expect(marco.textContent).toContain('Luthier in Cremona');
    expect(marco.textContent).toContain(`${t('search_field_phones')}: +39 055 987 6543`);
    await user.clear(box);
    await user.type(box, 'giulia@exa');
    const giulia = await within(region).findByRole('button', { name: 'Giulia Verdi' });
    expect(giulia.textContent).toContain(`${t('search_field_emails')}: giulia@example.org`);
    expect(within(region).queryByRole('button', { name: 'Marco Bianchi' })).toBeNull();
  });

  it('is chosen with the keyboard: Tab to a person, Enter picks them, Enter on Save saves', async () => {
    const user = userEvent.setup();
    const region = await picker();
    const box = within(region).getByLabelText(t('capture_find_note'));
    await user.type(box, 'conti');
    const anna = await within(region).findByRole('button', { name: 'Anna Conti' });
    await user.tab();
    expect(document.activeElement).toBe(anna);
    await user.keyboard('{Enter}');
    expect(anna.getAttribute('aria-pressed')).toBe('true');
    within(region)
      .getByRole('button', { name: t('capture_save_to', { name: 'Anna Conti' }) })
      .focus();
    await user.keyboard('{Enter}');
    await screen.findByRole('heading', { level: 1, name: 'Anna Conti' });
    expect(await db.notes.where('personId').notEqual(ids.giulia!).count()).toBe(1);
  });

  it('finds people by name while the index is still being built', async () => {
    answer = async () => ({ state: 'building', done: 1, total: 4 });
    const user = userEvent.setup();
    const region = await picker();
    const box = within(region).getByLabelText(t('capture_find_note'));
    await user.type(box, 'marco');
    await within(region).findByRole('button', { name: 'Marco Bianchi' });
    // A word only in a note needs the index: nobody yet.
    await user.clear(box);
    await user.type(box, 'conserv');
    await within(region).findByText(t('capture_no_match'));
  });
});
