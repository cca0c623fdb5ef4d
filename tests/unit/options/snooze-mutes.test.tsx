/**
 * Snooze and un-mute from the options page: what the person editor, the people
 * list and the settings show, what they store, and that the reach-out list and
 * the nudge logic follow at once.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { customSnoozeEnd, formatSnoozeDay, snoozeEnd } from '@/components/SnoozeChoices';
import { defaultNudgeEnv, handleNudge, type NudgeDeps } from '@/lib/background/nudges';
import type { KithDB } from '@/lib/db/db';
import { deletePeople, addPerson, logTouch, snooze, type WriteContext, setPersonMuted } from '@/lib/db/writes';
import { filterPeople } from '@/lib/relationship/people-list';
import { loadPeopleRows, readMutedPeople } from '@/lib/db/read';
import { CURRENT_NUDGE_KEY, type CurrentNudge } from '@/lib/nudges/session';
import { reachOutList } from '@/lib/db/queries';
import { addDaysToKey, localDayKey, startOfLocalDate } from '@/lib/relationship/time';
import { getSettings, updateSettings } from '@/lib/settings/store';
import { DAY } from '@/tests/unit/db/helpers';
import { openOptions, installOptionsPageHarness } from './page-harness';
import { DEFAULT_CIRCLES } from '@/lib/model/settings';

const TZ = 'Europe/Rome';
let db: KithDB;
const ctx = (now = Date.now()): WriteContext => ({ now, timeZone: TZ, circles: DEFAULT_CIRCLES });

const page = installOptionsPageHarness();
beforeEach(async () => {
  db = page.db;
  await updateSettings({ timeZone: TZ, language: 'en' });
});

const open = openOptions;

/** Someone in the close circle last called 40 days ago: in today's list. */
async function overdue(name: string) {
  const now = Date.now();
  const p = await addPerson(db, { name }, ctx(now));
  await db.people.update(p.id, { circleId: 'close' });
  await logTouch(db, { personId: p.id, channel: 'call', source: 'manual', at: now - 40 * DAY }, ctx(now));
  return p;
}

const listed = async () => (await reachOutList(db, ctx())).map((r) => r.person.name);
/** What a user reads for a snooze ending at `until`: "3 December", with the year only when it is not this year's. */
const dayText = (lang: 'en' | 'it', until: number) => {
  const year = (t: number) => new Date(t).toLocaleString('en', { year: 'numeric', timeZone: TZ });
  return new Intl.DateTimeFormat(lang, {
    day: 'numeric',
    month: 'long',
    timeZone: TZ,
    ...(year(until) !== year(Date.now()) ? { year: 'numeric' } : {}),
  }).format(new Date(until));
};
const dayStart = (days: number) => startOfLocalDate(addDaysToKey(localDayKey(Date.now(), TZ), days), TZ);

describe('snooze days', () => {
  const now = Date.UTC(2026, 10, 25, 10, 0); // 25 November 2026, 11:00 in Rome
  it('ends at the start of a local day', () => {
    expect(snoozeEnd(7, now, TZ)).toBe(Date.UTC(2026, 11, 1, 23, 0)); // 2 December, midnight in Rome
    expect(customSnoozeEnd('2026-12-03', now, TZ)).toEqual({ until: Date.UTC(2026, 11, 2, 23, 0) });
  });
  it('refuses today, past days and impossible dates', () => {
    expect(customSnoozeEnd('2026-11-25', now, TZ)).toEqual({ error: 'snooze_date_past' });
    expect(customSnoozeEnd('2025-12-03', now, TZ)).toEqual({ error: 'snooze_date_past' });
    expect(customSnoozeEnd('2026-02-30', now, TZ)).toEqual({ error: 'snooze_date_invalid' });
    expect(customSnoozeEnd('', now, TZ)).toEqual({ error: 'snooze_date_invalid' });
  });
  it('reads as a day and a month, with the year only for another year', () => {
    const dec3 = Date.UTC(2026, 11, 2, 23, 0);
    expect(formatSnoozeDay('en', dec3, now, TZ)).toBe('December 3');
    expect(formatSnoozeDay('it', dec3, now, TZ)).toBe('3 dicembre');
    expect(formatSnoozeDay('en', Date.UTC(2027, 0, 9, 23, 0), now, TZ)).toBe('January 10, 2027');
  });
});

describe('person editor: snooze', () => {
  it("snoozes a week: says until when, stores it, and the person leaves today's list; ending the snooze brings them back", async () => {
    const user = userEvent.setup();
    const ada = await overdue('Ada Lovelace');
    expect(await listed()).toEqual(['Ada Lovelace']);
    await open(`#/people/${ada.id}`);
    expect(await screen.findByText("Not snoozed: Ada Lovelace is in today's list whenever it is time to reach out.")).toBeTruthy();
    const group = screen.getByRole('group', { name: 'Snooze Ada Lovelace' });
    await user.click(within(group).getByRole('button', { name: '1 week' }));

    const until = dayStart(7);
    expect(await screen.findByText(`Snoozed until ${dayText('en', until)}`)).toBeTruthy();
    const stored = (await db.people.get(ada.id))!;
    expect(stored.snoozedUntil).toBe(until);
    expect(stored.summary.dueAt).toBe(until);
    expect(await listed()).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'End the snooze' }));
    expect(await screen.findByText(/^Not snoozed: Ada Lovelace/)).toBeTruthy();
    expect((await db.people.get(ada.id))!.snoozedUntil).toBeUndefined();
    expect(await listed()).toEqual(['Ada Lovelace']);
  });

  it('a custom day must come after today: a past day or today is refused in words, and nothing is stored', async () => {
    const user = userEvent.setup();
    const ada = await overdue('Ada Lovelace');
    const before = await db.people.get(ada.id);
    await open(`#/people/${ada.id}`);
    const group = await screen.findByRole('group', { name: 'Snooze Ada Lovelace' });
    const date = within(group).getByLabelText('Until');
    expect(date.getAttribute('min')).toBe(addDaysToKey(localDayKey(Date.now(), TZ), 1));
    for (const day of [addDaysToKey(localDayKey(Date.now(), TZ), -3), localDayKey(Date.now(), TZ)]) {
      fireEvent.change(date, { target: { value: day } });
      await user.click(within(group).getByRole('button', { name: 'Snooze until then' }));
      expect((await within(group).findByRole('alert')).textContent).toBe('Choose a day after today: a snooze cannot end in the past.');
      expect(date.getAttribute('aria-invalid')).toBe('true');
    }
    expect(await db.people.get(ada.id)).toEqual(before);

    const later = addDaysToKey(localDayKey(Date.now(), TZ), 40);
    fireEvent.change(date, { target: { value: later } });
    expect(within(group).queryByRole('alert')).toBeNull();
    await user.click(within(group).getByRole('button', { name: 'Snooze until then' }));
    await waitFor(async () => expect((await db.people.get(ada.id))!.snoozedUntil).toBe(startOfLocalDate(later, TZ)));
    expect(await screen.findByText(`Snoozed until ${dayText('en', startOfLocalDate(later, TZ))}`)).toBeTruthy();
  });

  it('speaks Italian', async () => {
    await updateSettings({ language: 'it' });
    const ada = await overdue('Ada Lovelace');
    await snooze(db, ada.id, dayStart(30), ctx());
    await setPersonMuted(db, ada.id, true);
    await open(`#/people/${ada.id}`);
    expect(await screen.findByText(`In pausa fino al ${dayText('it', dayStart(30))}`)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Annulla il rinvio' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Rimanda Ada Lovelace' })).toBeTruthy();
    expect(await screen.findByText('Suggerimenti disattivati per questa persona')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Riattiva i suggerimenti per Ada Lovelace' }).textContent).toBe('Riattiva i suggerimenti');
  });
});

describe('people list: snoozes', () => {
  it('"Only those waiting" leaves out the snoozed, whose row says until when', async () => {
    const user = userEvent.setup();
    await overdue('Ada Lovelace');
    const bruno = await overdue('Bruno Rossi');
    await addPerson(db, { name: 'Carla Bianchi' }, ctx());
    await snooze(db, bruno.id, dayStart(1), ctx());
    await open('#/people');
    const list = await screen.findByRole('listbox', { name: 'People' });
    const row = (name: string) => within(list).getByRole('option', { name: new RegExp(name) });
    expect(row('Bruno Rossi').textContent).toContain(`Snoozed until ${dayText('en', dayStart(1))}`);
    expect(row('Bruno Rossi').textContent).not.toContain('Waiting');
    expect(row('Ada Lovelace').textContent).toContain('Waiting');
    await user.click(screen.getByLabelText('Only those waiting'));
    await waitFor(() =>
      expect(
        within(screen.getByRole('listbox'))
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual([expect.stringContaining('Ada Lovelace')]),
    );
  });

  it('a stale summary does not make a snoozed person "waiting"', async () => {
    const ada = await overdue('Ada Lovelace');
    const p = (await db.people.get(ada.id))!;
    // As a restore or an older version might leave it: snoozed, summary not recomputed.
    await db.people.put({ ...p, snoozedUntil: Date.now() + 3 * DAY });
    const rows = await loadPeopleRows(db);
    expect(filterPeople(rows, { dueOnly: true }, Date.now())).toEqual([]);
    expect(filterPeople(rows, { dueOnly: true }, Date.now() + 4 * DAY).map((r) => r.name)).toEqual(['Ada Lovelace']);
  });

  it("bulk: snoozes the selection a month and ends it, and today's list follows", async () => {
    const user = userEvent.setup();
    await overdue('Ada Lovelace');
    await overdue('Bruno Rossi');
    await open('#/people');
    await user.click(await screen.findByRole('button', { name: 'Select all shown' }));
    const bar = screen.getByRole('region', { name: 'Change the selected people' });
    await user.click(within(bar).getByRole('button', { name: 'Snooze' }));
    await user.click(within(within(bar).getByRole('group', { name: 'Snooze the selected people' })).getByRole('button', { name: '1 month' }));
    await waitFor(async () => expect((await db.people.toArray()).map((p) => p.snoozedUntil)).toEqual([dayStart(30), dayStart(30)]));
    expect(await screen.findByText('2 people changed.')).toBeTruthy();
    expect(await listed()).toEqual([]);
    await user.click(within(bar).getByRole('button', { name: 'End the snooze' }));
    await waitFor(async () => expect((await db.people.toArray()).map((p) => p.snoozedUntil)).toEqual([undefined, undefined]));
    expect((await listed()).sort()).toEqual(['Ada Lovelace', 'Bruno Rossi']);
  });
});

describe('un-mute', () => {
  const like = (handle: string) => ({
    type: 'nudge/like' as const,
    site: 'linkedin' as const,
    handle,
    postKey: `urn:li:activity:${handle}`,
    state: 'added' as const,
  });
  const deps = (): NudgeDeps => ({ db, ctx: async () => ctx(), refreshBadge: async () => undefined, env: defaultNudgeEnv() });

  it('settings list the muted people with a link to each; "Allow nudges again" updates the stored mutes, and the next like nudges again', async () => {
    const user = userEvent.setup();
    const ada = await addPerson(db, { name: 'Ada Lovelace', identity: { site: 'linkedin', handle: 'ada', url: '' } }, ctx());
    const bruno = await addPerson(db, { name: 'Bruno Rossi' }, ctx());
    const gone = await addPerson(db, { name: 'Gone Person' }, ctx());
    for (const p of [ada, bruno, gone]) await setPersonMuted(db, p.id, true);
    await deletePeople(db, [gone.id], ctx());
    // Muted: a like on Ada's post raises nothing.
    expect((await handleNudge(like('ada'), deps()))?.nudge).toBeUndefined();

    await open('#/settings');
    const section = await screen.findByRole('region', { name: 'People muted from nudges' });
    const list = await within(section).findByRole('list');
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    expect(within(list).getByRole('link', { name: 'Ada Lovelace' }).getAttribute('href')).toBe(`#/people/${ada.id}`);
    expect(within(list).getByRole('link', { name: 'Bruno Rossi' }).getAttribute('href')).toBe(`#/people/${bruno.id}`);

    await user.click(within(list).getByRole('button', { name: 'Allow nudges again for Ada Lovelace' }));
    await waitFor(() => expect(within(section).queryByRole('link', { name: 'Ada Lovelace' })).toBeNull());
    expect((await readMutedPeople(db)).sort()).toEqual([bruno.id, gone.id].sort());
    // The background's nudge logic reads the same row: Ada's next like nudges.
    const reply = await handleNudge(like('ada'), deps());
    expect(reply?.nudge).toBeTruthy();
    expect(((await fakeBrowser.storage.session.get(CURRENT_NUDGE_KEY))[CURRENT_NUDGE_KEY] as CurrentNudge).personId).toBe(ada.id);

    // The link opens the person in the editor, which says the same.
    await user.click(within(section).getByRole('link', { name: 'Bruno Rossi' }));
    expect(await screen.findByRole('heading', { name: 'Bruno Rossi' })).toBeTruthy();
    expect(await screen.findByText('Nudges muted for this person')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    await user.click(await screen.findByRole('button', { name: 'Allow nudges again for Bruno Rossi' }));
    expect(await screen.findByText('Nobody is muted.')).toBeTruthy();
  });

  it('"Not for this person" and "Not this kind" from a nudge show in an open settings page at once', async () => {
    const user = userEvent.setup();
    await addPerson(db, { name: 'Ada Lovelace', identity: { site: 'linkedin', handle: 'ada', url: '' } }, ctx());
    await addPerson(db, { name: 'Bruno Rossi', identity: { site: 'linkedin', handle: 'bruno', url: '' } }, ctx());
    await open('#/settings');
    const section = await screen.findByRole('region', { name: 'People muted from nudges' });
    expect(await within(section).findByText('Nobody is muted.')).toBeTruthy();
    const likeSwitch = screen.getByLabelText('When you like a post by someone you know') as HTMLInputElement;
    expect(likeSwitch.checked).toBe(true);

    const first = await handleNudge(like('ada'), deps());
    await handleNudge({ type: 'nudge/dismiss', id: first!.nudge!, mute: 'person' }, deps());
    expect(await within(section).findByRole('link', { name: 'Ada Lovelace' })).toBeTruthy();

    const second = await handleNudge(like('bruno'), deps());
    await handleNudge({ type: 'nudge/dismiss', id: second!.nudge!, mute: 'kind' }, deps());
    await waitFor(() => expect(likeSwitch.checked).toBe(false));
    expect((await getSettings()).nudges.like).toBe(false);
    // And turning it back on here is the way back.
    await user.click(likeSwitch);
    await waitFor(async () => expect((await getSettings()).nudges.like).toBe(true));
  });

  it('the person editor says when nudges are muted for them, and "Allow nudges again" undoes it', async () => {
    const user = userEvent.setup();
    const ada = await addPerson(db, { name: 'Ada Lovelace' }, ctx());
    const bruno = await addPerson(db, { name: 'Bruno Rossi' }, ctx());
    await setPersonMuted(db, ada.id, true);
    await setPersonMuted(db, bruno.id, true);
    await open(`#/people/${ada.id}`);
    expect(await screen.findByText('Nudges muted for this person')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Allow nudges again for Ada Lovelace' }));
    await waitFor(() => expect(screen.queryByText('Nudges muted for this person')).toBeNull());
    expect(await readMutedPeople(db)).toEqual([bruno.id]);
  });
});
