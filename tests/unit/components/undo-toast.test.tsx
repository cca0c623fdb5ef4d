/**
 * "Undo" after Done, Snooze, Log, Add note, Delete and Merge, in the popup, the
 * side panel and the options page: the toast appears and is announced, Undo
 * works from the keyboard and puts the database back as it was, the toast goes
 * after its delay and waits while it is hovered or focused. Both languages.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { useUiStore } from '@/components/i18n';
import { PopupApp } from '@/components/PopupApp';
import { SidePanelApp } from '@/components/SidePanelApp';
import { offerUndo, ToastHost, UNDO_MS, useToasts } from '@/components/toast';
import { setDbForTests, type KithDB } from '@/lib/db/db';
import { addPerson, editPerson, logTouch, type WriteContext } from '@/lib/db/writes';
import { translate, type Lang } from '@/lib/i18n';
import { DEFAULT_CIRCLES } from '@/lib/model/settings';
import { updateSettings } from '@/lib/settings/store';
import { LAST_VIEW_KEY, type ViewState } from '@/lib/ui/view-state';
import { resetSettingsStore } from '@/tests/unit/components/settings-seed';
import { DAY, freshDb } from '@/tests/unit/db/helpers';
import { installOptionsPageHarness, openOptions } from '@/tests/unit/options/page-harness';

const TZ = 'Europe/Rome';
const ctx = (now = Date.now()): WriteContext => ({ now, timeZone: TZ, circles: DEFAULT_CIRCLES });

async function dump(d: KithDB): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of d.tables) out[table.name] = await table.toArray();
  return out;
}

/** Someone in the close circle, last called 40 days ago: in today's list. */
async function overdue(db: KithDB, name: string, handle?: string) {
  const now = Date.now();
  const p = await addPerson(db, { name, circleId: 'close', ...(handle ? { identity: { site: 'linkedin', handle } } : {}) }, ctx(now - 50 * DAY));
  await logTouch(db, { personId: p.id, channel: 'call', source: 'manual', at: now - 40 * DAY }, ctx(now - 40 * DAY));
  return p;
}

const tr = (lang: Lang, key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate(lang, key, params);

describe('the toast', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    useUiStore.setState({ lang: 'en' });
    useToasts.setState({ toast: undefined });
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('is announced, stays 8 seconds, then goes', () => {
    render(<ToastHost />);
    const region = screen.getByRole('status');
    expect(region.getAttribute('aria-live')).toBe('polite');
    act(() => offerUndo('Done: Ada.', () => Promise.resolve()));
    expect(within(region).getByText('Done: Ada.')).toBeTruthy();
    expect(within(region).getByRole('button', { name: 'Undo' })).toBeTruthy();
    act(() => vi.advanceTimersByTime(UNDO_MS - 100));
    expect(screen.queryByText('Done: Ada.')).not.toBeNull();
    act(() => vi.advanceTimersByTime(200));
    expect(screen.queryByText('Done: Ada.')).toBeNull();
  });

  it('waits while focused, and goes on from where it was once focus leaves', () => {
    render(<ToastHost />);
    act(() => offerUndo('Done: Ada.', () => Promise.resolve()));
    act(() => vi.advanceTimersByTime(5_000));
    const undo = screen.getByRole('button', { name: 'Undo' });
    act(() => undo.focus());
    act(() => vi.advanceTimersByTime(60_000));
    expect(screen.queryByText('Done: Ada.')).not.toBeNull();
    act(() => undo.blur());
    act(() => vi.advanceTimersByTime(UNDO_MS - 5_000 - 100));
    expect(screen.queryByText('Done: Ada.')).not.toBeNull();
    act(() => vi.advanceTimersByTime(200));
    expect(screen.queryByText('Done: Ada.')).toBeNull();
  });

  it('waits while the pointer is over it', () => {
    render(<ToastHost />);
    act(() => offerUndo('Done: Ada.', () => Promise.resolve()));
    const toast = screen.getByText('Done: Ada.').parentElement!;
    fireEvent.mouseEnter(toast);
    act(() => vi.advanceTimersByTime(60_000));
    expect(screen.queryByText('Done: Ada.')).not.toBeNull();
    fireEvent.mouseLeave(toast);
    act(() => vi.advanceTimersByTime(UNDO_MS + 100));
    expect(screen.queryByText('Done: Ada.')).toBeNull();
  });

  it('Ctrl+Z takes the undo, but not while typing in a field', async () => {
    const apply = vi.fn(() => Promise.resolve());
    render(
      <>
        <input aria-label="field" />
        <ToastHost />
      </>,
    );
    act(() => offerUndo('Done: Ada.', apply));
    fireEvent.keyDown(screen.getByLabelText('field'), { key: 'z', ctrlKey: true });
    expect(apply).not.toHaveBeenCalled();
    fireEvent.keyDown(document.body, { key: 'z', ctrlKey: true });
    expect(apply).toHaveBeenCalledTimes(1);
    await act(async () => {
      await Promise.resolve();
    });
    expect(screen.getByText('Undone: everything is as it was.')).toBeTruthy();
  });

  it('says in words when the undo was refused, in Italian', async () => {
    useUiStore.setState({ lang: 'it' });
    render(<ToastHost />);
    const refused = Object.assign(new Error('undo-conflict'), { name: 'UndoConflict' });
    act(() => offerUndo('Fatto: Ada.', () => Promise.reject(refused)));
    fireEvent.click(screen.getByRole('button', { name: 'Annulla' }));
    await act(async () => {
      await Promise.resolve();
      await Promise.resolve();
    });
    expect(screen.getByText(tr('it', 'undo_conflict'))).toBeTruthy();
  });
});

describe.each<Lang>(['en', 'it'])('popup and side panel (%s)', (lang) => {
  let db: KithDB;
  let sent: unknown[];
  beforeEach(async () => {
    fakeBrowser.reset();
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-US');
    vi.spyOn(fakeBrowser.windows, 'getCurrent').mockResolvedValue({ id: 1 } as Awaited<ReturnType<typeof fakeBrowser.windows.getCurrent>>);
    sent = [];
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(((msg: unknown) => {
      sent.push(msg);
      return Promise.resolve(null);
    }) as never);
    useUiStore.setState({ lang });
    useToasts.setState({ toast: undefined });
    resetSettingsStore();
    await updateSettings({ timeZone: TZ, language: lang });
    db = freshDb();
    setDbForTests(db);
  });
  afterEach(async () => {
    cleanup();
    vi.restoreAllMocks();
    setDbForTests(undefined);
    await db.delete();
  });

  it('popup: Done, then Undo by keyboard, puts the person back in the list and the database as it was, and counts the badge again', async () => {
    const user = userEvent.setup();
    await overdue(db, 'Ada Lovelace');
    await overdue(db, 'Bruno Rossi');
    const before = await dump(db);
    render(<PopupApp />);
    const row = (await screen.findByText('Ada Lovelace')).closest('li')!;
    await user.click(within(row).getByRole('button', { name: tr(lang, 'action_done') }));
    await user.click(within(row).getByRole('button', { name: tr(lang, 'done_call') }));
    const toast = await screen.findByText(tr(lang, 'undo_done', { name: 'Ada Lovelace' }));
    await waitFor(() => expect(screen.queryByText('Ada Lovelace', { selector: '.reach-name' })).toBeNull());
    const badgeCalls = sent.length;
    // By keyboard: focus reaches the toast's button, Enter takes it.
    const undo = within(toast.parentElement!).getByRole('button', { name: tr(lang, 'undo_action') });
    undo.focus();
    await user.keyboard('{Enter}');
    expect(await screen.findByText(tr(lang, 'undo_undone'))).toBeTruthy();
    await waitFor(async () => expect(await dump(db)).toStrictEqual(before));
    expect(await screen.findByText('Ada Lovelace', { selector: '.reach-name' })).toBeTruthy();
    expect(sent.slice(badgeCalls)).toContainEqual({ type: 'badge/refresh' });
  });

  it('popup: Snooze, then Undo', async () => {
    const user = userEvent.setup();
    const ada = await overdue(db, 'Ada Lovelace');
    const before = await dump(db);
    render(<PopupApp />);
    const row = (await screen.findByText('Ada Lovelace')).closest('li')!;
    await user.click(within(row).getByRole('button', { name: tr(lang, 'action_snooze') }));
    await user.click(within(row).getByRole('button', { name: tr(lang, 'snooze_week') }));
    await screen.findByText(tr(lang, 'undo_snoozed', { name: 'Ada Lovelace' }));
    await waitFor(async () => expect((await db.people.get(ada.id))!.snoozedUntil).toBeDefined());
    await user.click(screen.getByRole('button', { name: tr(lang, 'undo_action') }));
    await waitFor(async () => expect(await dump(db)).toStrictEqual(before));
  });

  it('side panel: Add note and Log, each undone (Ctrl+Z for the second)', async () => {
    const user = userEvent.setup();
    await overdue(db, 'Ada Lovelace', 'ada-lovelace');
    const view: ViewState = {
      identity: { site: 'linkedin', handle: 'ada-lovelace', url: 'https://www.linkedin.com/in/ada-lovelace/', name: 'Ada Lovelace' },
      inView: true,
      at: Date.now(),
    };
    await fakeBrowser.storage.session.set({ [LAST_VIEW_KEY]: view });
    const before = await dump(db);
    render(<SidePanelApp />);
    await screen.findByRole('heading', { level: 1, name: 'Ada Lovelace' });
    const noteForm = screen.getByRole('form', { name: tr(lang, 'panel_add_note') });
    await user.type(within(noteForm).getByRole('textbox'), 'moving to Turin');
    await user.click(within(noteForm).getByRole('button', { name: tr(lang, 'panel_add_note_button') }));
    await screen.findByText(tr(lang, 'undo_note_added', { name: 'Ada Lovelace' }));
    await user.click(screen.getByRole('button', { name: tr(lang, 'undo_action') }));
    await screen.findByText(tr(lang, 'undo_undone'));
    await waitFor(async () => expect(await dump(db)).toStrictEqual(before));

    const logForm = screen.getByRole('form', { name: tr(lang, 'panel_log_touch') });
    await user.click(within(logForm).getByRole('button', { name: tr(lang, 'panel_log_touch_button') }));
    await screen.findByText(tr(lang, 'undo_logged', { name: 'Ada Lovelace' }));
    expect(await db.touches.count()).toBe(2);
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('{Control>}z{/Control}');
    await screen.findByText(tr(lang, 'undo_undone'));
    await waitFor(async () => expect(await dump(db)).toStrictEqual(before));
  });
});

describe.each<Lang>(['en', 'it'])('options page (%s)', (lang) => {
  const page = installOptionsPageHarness();
  beforeEach(async () => {
    useUiStore.setState({ lang });
    await updateSettings({ timeZone: TZ, language: lang });
  });

  it('person editor: Snooze, then Undo; a second Undo after an edit is refused in words', async () => {
    const user = userEvent.setup();
    const db = page.db;
    const ada = await overdue(db, 'Ada Lovelace');
    const before = await dump(db);
    await openOptions(`#/people/${ada.id}`);
    const group = await screen.findByRole('group', { name: tr(lang, 'snooze_for', { name: 'Ada Lovelace' }) });
    await user.click(within(group).getByRole('button', { name: tr(lang, 'snooze_week') }));
    await screen.findByText(tr(lang, 'undo_snoozed', { name: 'Ada Lovelace' }));
    await user.click(screen.getByRole('button', { name: tr(lang, 'undo_action') }));
    await screen.findByText(tr(lang, 'undo_undone'));
    await waitFor(async () => expect(await dump(db)).toStrictEqual(before));

    // Snoozed again, then changed elsewhere before Undo: the later change stays.
    await user.click(within(group).getByRole('button', { name: tr(lang, 'snooze_week') }));
    await screen.findByText(tr(lang, 'undo_snoozed', { name: 'Ada Lovelace' }));
    await editPerson(db, ada.id, { company: 'Analytical Engines' }, ctx());
    await user.click(screen.getByRole('button', { name: tr(lang, 'undo_action') }));
    expect(await screen.findByText(tr(lang, 'undo_conflict'))).toBeTruthy();
    expect((await db.people.get(ada.id))!.company).toBe('Analytical Engines');
    expect((await db.people.get(ada.id))!.snoozedUntil).toBeDefined();
  });

  it('people list: Delete, then Undo, and the database is as it was', async () => {
    const user = userEvent.setup();
    const db = page.db;
    await overdue(db, 'Ada Lovelace', 'ada');
    await overdue(db, 'Bruno Rossi');
    const before = await dump(db);
    await openOptions('#/people');
    await user.click(await screen.findByRole('button', { name: tr(lang, 'people_select_all') }));
    await user.click(within(screen.getByRole('region', { name: tr(lang, 'people_bulk_label') })).getByRole('button', { name: tr(lang, 'opt_delete') }));
    await screen.findByText(tr(lang, 'people_deleted', { count: 2 }));
    await user.click(screen.getByRole('button', { name: tr(lang, 'undo_action') }));
    await waitFor(async () => expect(await dump(db)).toStrictEqual(before));
  });
});
