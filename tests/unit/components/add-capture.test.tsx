/**
 * Adding someone by hand (popup, side panel, people list), the likely-duplicate
 * prompt, and the side panel's picker for a text captured from a page, in both
 * languages: what the user sees, and what is stored.
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { useUiStore } from '@/components/i18n';
import { OptionsApp } from '@/components/OptionsApp';
import { PopupApp } from '@/components/PopupApp';
import { SidePanelApp } from '@/components/SidePanelApp';
import { useToasts } from '@/components/options/toast';
import { setDbForTests, type KithDB } from '@/lib/db/db';
import { personView } from '@/lib/db/read';
import { addPerson, addPersonByHand } from '@/lib/db/writes';
import { translate, type Lang, type MessageKey } from '@/lib/i18n';
import { pendingCaptureItem, type PendingCapture } from '@/lib/ui/capture';
import { resetSettingsStore } from '@/tests/unit/components/settings-seed';
import { ctxAt, freshDb } from '@/tests/unit/db/helpers';

let db: KithDB;
const sizes = { clientHeight: 600, clientWidth: 800 };
const saved: Record<string, PropertyDescriptor | undefined> = {};
beforeAll(() => {
  // The people list is virtual: jsdom lays nothing out.
  for (const [k, v] of Object.entries(sizes)) {
    saved[k] = Object.getOwnPropertyDescriptor(HTMLElement.prototype, k);
    Object.defineProperty(HTMLElement.prototype, k, { configurable: true, get: () => v });
  }
});
afterAll(() => {
  for (const k of Object.keys(sizes)) if (saved[k]) Object.defineProperty(HTMLElement.prototype, k, saved[k]);
});
afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  setDbForTests(undefined);
  await db.delete();
  location.hash = '';
});

/** Type into a field at once (pasted): the forms are what is tested here, not the keyboard. */
async function fill(user: ReturnType<typeof userEvent.setup>, field: HTMLElement, text: string) {
  await user.click(field);
  await user.paste(text);
}

async function people() {
  return (await db.people.toArray()).filter((p) => !p.deletedAt && !p.mergedInto);
}

describe.each<Lang>(['en', 'it'])('in %s', (lang) => {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);
  beforeEach(() => {
    fakeBrowser.reset();
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue(lang === 'it' ? 'it-IT' : 'en-US');
    vi.spyOn(fakeBrowser.windows, 'getCurrent').mockResolvedValue({ id: 1 } as Awaited<ReturnType<typeof fakeBrowser.windows.getCurrent>>);
    useUiStore.setState({ lang });
    useToasts.setState({ toast: undefined });
    resetSettingsStore();
    db = freshDb();
    setDbForTests(db);
  });

  it('the popup adds someone with no profile in one step, contacts and a pasted profile link included', async () => {
    const user = userEvent.setup();
    render(<PopupApp />);
    await user.click(await screen.findByRole('button', { name: t('add_someone') }));
    const form = await screen.findByRole('form', { name: t('add_title') });
    await fill(user, within(form).getByLabelText(t('field_name')), 'Nonna Lucia');
    await fill(user, within(form).getByLabelText(t('field_how_we_met')), 'Family');
    await fill(user, within(form).getByLabelText(t('field_phone')), '+39 333 1234567');
    await fill(user, within(form).getByLabelText(t('field_email')), 'Lucia@Example.org');
    await user.selectOptions(within(form).getByLabelText(t('add_circle_or_rhythm')), 'close');
    await user.click(within(form).getByText(t('add_more')));
    await fill(user, within(form).getByLabelText(t('field_day')), '3');
    await fill(user, within(form).getByLabelText(t('field_month')), '4');
    await fill(user, within(form).getByLabelText(t('add_links')), 'https://m.facebook.com/lucia.example/?ref=bookmarks');
    await user.click(within(form).getByRole('button', { name: t('add_save') }));
    await screen.findByText(t('add_saved', { name: 'Nonna Lucia' }), { exact: false });
    const [p] = await people();
    expect(p).toMatchObject({
      name: 'Nonna Lucia',
      howWeMet: 'Family',
      phones: ['+39 333 1234567'],
      emails: ['lucia@example.org'],
      circleId: 'close',
      birthday: { day: 3, month: 4 },
    });
    expect((await personView(db, p!.id))?.profiles.map((x) => x.key)).toEqual(['facebook:lucia.example']);
    expect(screen.queryByRole('form', { name: t('add_title') })).toBeNull();
  });

  it('the popup form says what is wrong and writes nothing: no name, a bad e-mail, a link that is no profile', async () => {
    const user = userEvent.setup();
    render(<PopupApp />);
    await user.click(await screen.findByRole('button', { name: t('add_someone') }));
    const form = await screen.findByRole('form', { name: t('add_title') });
    await user.click(within(form).getByRole('button', { name: t('add_save') }));
    expect((await within(form).findByRole('alert')).textContent).toBe(t('add_name_required'));
    await fill(user, within(form).getByLabelText(t('field_name')), 'Marco');
    await fill(user, within(form).getByLabelText(t('field_email')), 'marco@');
    await user.click(within(form).getByRole('button', { name: t('add_save') }));
    await waitFor(() => expect(within(form).getByRole('alert').textContent).toBe(t('add_email_invalid')));
    await user.clear(within(form).getByLabelText(t('field_email')));
    await user.click(within(form).getByText(t('add_more')));
    await fill(user, within(form).getByLabelText(t('add_links')), 'https://example.org/marco');
    await user.click(within(form).getByRole('button', { name: t('add_save') }));
    await waitFor(() => expect(within(form).getByRole('alert').textContent).toBe(t('add_link_invalid', { url: 'https://example.org/marco' })));
    expect(await people()).toEqual([]);
  });

  it('the duplicate prompt names who looks alike, and "Add to" fills that person instead of adding one', async () => {
    const ada = await addPersonByHand(db, { name: 'Ada Lovelace', emails: ['ada@example.org'] }, ctxAt(Date.now()));
    const user = userEvent.setup();
    render(<PopupApp />);
    await user.click(await screen.findByRole('button', { name: t('add_someone') }));
    const form = await screen.findByRole('form', { name: t('add_title') });
    await fill(user, within(form).getByLabelText(t('field_name')), 'Ada L.');
    await fill(user, within(form).getByLabelText(t('field_email')), 'ADA@example.org');
    await fill(user, within(form).getByLabelText(t('field_phone')), '0039 333 7654321');
    await user.click(within(form).getByRole('button', { name: t('add_save') }));
    const prompt = await screen.findByRole('region', { name: t('add_dupes_title') });
    expect(within(prompt).getByText(t('add_dupe_reason_email'))).toBeTruthy();
    expect(within(prompt).getByRole('button', { name: t('add_dupe_open', { name: 'Ada Lovelace' }) })).toBeTruthy();
    await user.click(within(prompt).getByRole('button', { name: t('add_dupe_merge', { name: 'Ada Lovelace' }) }));
    await screen.findByText(t('add_merged', { name: 'Ada Lovelace' }), { exact: false });
    const all = await people();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ id: ada.id, name: 'Ada Lovelace', emails: ['ada@example.org'], phones: ['0039 333 7654321'] });
  });

  it('the duplicate prompt can still add someone new, or go back to the form', async () => {
    await addPersonByHand(db, { name: 'Mario Rossi' }, ctxAt(Date.now()));
    const user = userEvent.setup();
    render(<PopupApp />);
    await user.click(await screen.findByRole('button', { name: t('add_someone') }));
    let form = await screen.findByRole('form', { name: t('add_title') });
    await fill(user, within(form).getByLabelText(t('field_name')), 'rossi mario');
    await user.click(within(form).getByRole('button', { name: t('add_save') }));
    let prompt = await screen.findByRole('region', { name: t('add_dupes_title') });
    expect(within(prompt).getByText(t('add_dupe_reason_name'))).toBeTruthy();
    await user.click(within(prompt).getByRole('button', { name: t('add_dupe_back') }));
    form = await screen.findByRole('form', { name: t('add_title') });
    expect((within(form).getByLabelText(t('field_name')) as HTMLInputElement).value).toBe('rossi mario');
    await user.click(within(form).getByRole('button', { name: t('add_save') }));
    prompt = await screen.findByRole('region', { name: t('add_dupes_title') });
    await user.click(within(prompt).getByRole('button', { name: t('add_dupe_new') }));
    await screen.findByText(t('add_saved', { name: 'rossi mario' }), { exact: false });
    expect((await people()).map((p) => p.name).sort()).toEqual(['Mario Rossi', 'rossi mario']);
  });

  it('the side panel with no profile in view adds someone and shows them', async () => {
    const user = userEvent.setup();
    render(<SidePanelApp />);
    await user.click(await screen.findByRole('button', { name: t('add_someone') }));
    const form = await screen.findByRole('form', { name: t('add_title') });
    await fill(user, within(form).getByLabelText(t('field_name')), 'Giulia Verdi');
    await user.selectOptions(within(form).getByLabelText(t('add_circle_or_rhythm')), '__own__');
    await fill(user, within(form).getByLabelText(t('field_day')), '29');
    await fill(user, within(form).getByLabelText(t('field_month')), '2');
    await user.click(within(form).getByRole('button', { name: t('add_save') }));
    await screen.findByRole('heading', { level: 1, name: 'Giulia Verdi' });
    expect(screen.getByText(t('add_saved', { name: 'Giulia Verdi' })).getAttribute('role')).toBe('status');
    const [p] = await people();
    expect(p).toMatchObject({ name: 'Giulia Verdi', rhythm: { idealDays: 30, maxDays: 45 }, birthday: { day: 29, month: 2 } });
    expect(p!.circleId).toBeUndefined();
    await user.click(screen.getByRole('button', { name: t('add_back_to_list') }));
    await screen.findByRole('button', { name: t('add_someone') });
  });

  it("the options page's people list adds someone, who is then in the list", async () => {
    const user = userEvent.setup();
    location.hash = '#/people';
    render(<OptionsApp />);
    await user.click(await screen.findByRole('button', { name: t('add_someone') }));
    const form = await screen.findByRole('form', { name: t('add_title') });
    await fill(user, within(form).getByLabelText(t('field_name')), 'Zoë Müller');
    await fill(user, within(form).getByLabelText(t('add_links')), 'https://www.linkedin.com/in/zo%C3%AB-m%C3%BCller/');
    await user.click(within(form).getByRole('button', { name: t('add_save') }));
    await screen.findByText(t('add_saved', { name: 'Zoë Müller' }));
    const list = await screen.findByRole('listbox', { name: t('options_people') });
    await within(list).findByText('Zoë Müller');
    const [p] = await people();
    expect((await personView(db, p!.id))?.profiles.map((x) => x.key)).toEqual(['linkedin:zoë-müller']);
  });

  describe('the capture picker', () => {
    const source = { url: 'https://example.org/news/turin', title: 'Moving north' };
    const note = (): PendingCapture => ({ kind: 'note', text: 'Giulia is moving to Turin in May.', source, at: Date.now() });

    it('saves a captured text as a note about the person picked, with its source, only on confirming', async () => {
      const giulia = await addPerson(db, { name: 'Giulia Verdi' }, ctxAt(Date.now()));
      await addPerson(db, { name: 'Marco Bianchi' }, ctxAt(Date.now()));
      await pendingCaptureItem.setValue(note());
      const user = userEvent.setup();
      render(<SidePanelApp />);
      const picker = await screen.findByRole('region', { name: t('capture_title_note') });
      expect((within(picker).getByLabelText(t('capture_note')) as HTMLTextAreaElement).value).toBe('Giulia is moving to Turin in May.');
      expect(within(picker).getByRole('link', { name: 'Moving north' }).getAttribute('href')).toBe(source.url);
      await fill(user, within(picker).getByLabelText(t('capture_find_note')), 'giu');
      await user.click(await within(picker).findByRole('button', { name: 'Giulia Verdi' }));
      expect(await db.notes.count()).toBe(0);
      await user.click(within(picker).getByRole('button', { name: t('capture_save_to', { name: 'Giulia Verdi' }) }));
      await screen.findByRole('heading', { level: 1, name: 'Giulia Verdi' });
      expect(screen.getByText(t('capture_saved', { name: 'Giulia Verdi' })).getAttribute('role')).toBe('status');
      const notes = await db.notes.toArray();
      expect(notes).toEqual([expect.objectContaining({ personId: giulia.id, kind: 'listening', text: 'Giulia is moving to Turin in May.', source })]);
      expect(await pendingCaptureItem.getValue()).toBeNull();
      // The note shows where it came from.
      expect(screen.getByRole('link', { name: 'Moving north' }).getAttribute('href')).toBe(source.url);
    });

    it('makes someone new with the captured e-mail, and discarding saves nothing', async () => {
      await pendingCaptureItem.setValue({ kind: 'email', text: 'ada@example.org', source, at: Date.now() });
      const user = userEvent.setup();
      render(<SidePanelApp />);
      const picker = await screen.findByRole('region', { name: t('capture_title_email') });
      await fill(user, within(picker).getByLabelText(t('capture_find_contact')), 'Ada Lovelace');
      await within(picker).findByText(t('capture_no_match'));
      await user.click(within(picker).getByRole('button', { name: t('capture_new_person') }));
      const form = await within(picker).findByRole('form', { name: t('add_title') });
      expect((within(form).getByLabelText(t('field_name')) as HTMLInputElement).value).toBe('Ada Lovelace');
      expect((within(form).getByLabelText(t('field_email')) as HTMLInputElement).value).toBe('ada@example.org');
      await user.click(within(form).getByRole('button', { name: t('add_save') }));
      await screen.findByRole('heading', { level: 1, name: 'Ada Lovelace' });
      expect(await people()).toEqual([expect.objectContaining({ name: 'Ada Lovelace', emails: ['ada@example.org'] })]);

      await pendingCaptureItem.setValue(note());
      const again = await screen.findByRole('region', { name: t('capture_title_note') });
      await user.click(within(again).getByRole('button', { name: t('capture_discard') }));
      await waitFor(() => expect(screen.queryByRole('region', { name: t('capture_title_note') })).toBeNull());
      expect(await db.notes.count()).toBe(0);
      expect(await pendingCaptureItem.getValue()).toBeNull();
    });
  });
});
