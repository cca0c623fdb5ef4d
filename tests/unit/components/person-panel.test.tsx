/**
 * Every state of the person panel, in both languages: what the user sees.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PersonPanel, type PanelActions } from '@/components/PersonPanel';
import { useUiStore } from '@/components/i18n';
import type { PersonView } from '@/lib/db/read';
import type { Lang } from '@/lib/i18n';
import { DEFAULT_CIRCLES } from '@/lib/model/settings';
import type { Note, PageIdentity, Person, Touch } from '@/lib/model/types';
import { computeSummary, emptySummary } from '@/lib/relationship/summary';

const NOW = Date.UTC(2026, 10, 25, 10);
const DAY = 86_400_000;
const TZ = 'Europe/Rome';

function view(opts: { touches?: Partial<Touch>[]; notes?: Partial<Note>[]; patch?: Partial<Person> } = {}): PersonView {
  const touches: Touch[] = (opts.touches ?? []).map(
    (t, i) =>
      ({
        id: `t${i}`,
        personId: 'p',
        depth: 'personal',
        direction: 'out',
        channel: 'call',
        at: NOW,
        source: 'manual',
        createdAt: NOW,
        updatedAt: NOW,
        ...t,
      }) as Touch,
  );
  const notes: Note[] = (opts.notes ?? []).map(
    (n, i) => ({ id: `n${i}`, personId: 'p', kind: 'listening', text: '', createdAt: NOW - DAY, updatedAt: NOW - DAY, ...n }) as Note,
  );
  const base: Person = {
    id: 'p',
    name: 'Ada Example',
    headline: 'Engineer at Example',
    phones: ['+39 333 123 4567'],
    emails: ['ada@example.org'],
    tags: [],
    archived: 0,
    createdAt: NOW - 400 * DAY,
    updatedAt: NOW,
    summary: emptySummary(),
    ...opts.patch,
  };
  const person = { ...base, summary: computeSummary({ person: base, touches, notes, circles: DEFAULT_CIRCLES, now: NOW, timeZone: TZ }) };
  return {
    person,
    profiles: [{ id: 'pr', personId: 'p', site: 'linkedin', handle: 'ada-example', key: 'linkedin:ada-example', createdAt: NOW, updatedAt: NOW }],
    touches: [...touches].sort((a, b) => b.at - a.at),
    notes,
  };
}

const identity: PageIdentity = {
  site: 'linkedin',
  handle: 'ada-example',
  url: 'https://www.linkedin.com/in/ada-example/',
  name: 'Ada Example',
  headline: 'Engineer at Example',
};

let actions: { [K in keyof PanelActions]-?: ReturnType<typeof vi.fn> };
beforeEach(() => {
  actions = { onAdd: vi.fn(), onLogTouch: vi.fn(), onAddNote: vi.fn(), onFollowUpDone: vi.fn(), onUpdate: vi.fn(), onOpenOptions: vi.fn() };
});
afterEach(() => cleanup());

function renderIn(lang: Lang, props: Parameters<typeof PersonPanel>[0]) {
  useUiStore.setState({ lang });
  return render(<PersonPanel {...props} />);
}

const common = () => ({ now: NOW, timeZone: TZ, circles: DEFAULT_CIRCLES, actions: actions as unknown as PanelActions });

describe.each([
  [
    'en',
    {
      add: 'Add Ada Example',
      noNotes: 'You have no notes about this person yet.',
      unreadable: /could not read the name/,
      addHandle: 'Add ada-example',
      nothingYet: 'No personal conversation yet',
      noFollowups: 'Nothing promised.',
      logIt: 'Log it',
    },
  ],
  [
    'it',
    {
      add: 'Aggiungi Ada Example',
      noNotes: 'Non hai ancora appunti su questa persona.',
      unreadable: /non è riuscito a leggere il nome/,
      addHandle: 'Aggiungi ada-example',
      nothingYet: 'Ancora nessuna conversazione personale',
      noFollowups: 'Nessuna promessa.',
      logIt: 'Registra',
    },
  ],
] as const)('the person panel in %s', (lang, words) => {
  it('unknown person: name, headline and one "Add" button with "how we met"; nothing stored before adding', async () => {
    renderIn(lang, { state: 'unknown', identity, ...common() });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Ada Example');
    expect(screen.getByText('Engineer at Example')).toBeTruthy();
    expect(screen.getByText(words.noNotes)).toBeTruthy();
    await userEvent.type(screen.getByRole('textbox'), 'Milan meetup');
    await userEvent.click(screen.getByRole('button', { name: words.add }));
    expect(actions.onAdd).toHaveBeenCalledWith({ name: 'Ada Example', howWeMet: 'Milan meetup' });
  });

  it('name unreadable: shows the handle, says so plainly, and lets the user type the name', async () => {
    renderIn(lang, { state: 'unknown', identity: { site: 'linkedin', handle: 'ada-example', url: identity.url }, ...common() });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('ada-example');
    expect(screen.getByRole('status').textContent).toMatch(words.unreadable);
    expect(screen.getByRole('button', { name: words.addHandle })).toBeTruthy();
    const [nameBox] = screen.getAllByRole('textbox');
    await userEvent.type(nameBox!, 'Ada Example');
    await userEvent.click(screen.getByRole('button', { name: words.add }));
    expect(actions.onAdd).toHaveBeenCalledWith({ name: 'Ada Example', howWeMet: '' });
  });

  it('known, no notes and no conversation yet: first-contact nudge, empty states', () => {
    renderIn(lang, { state: 'known', view: view(), ...common() });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Ada Example');
    expect(screen.getByTestId('last-personal').textContent).toBe(words.nothingYet);
    expect(screen.getByText(words.noFollowups)).toBeTruthy();
    expect(screen.getByTestId('nudge').textContent!.length).toBeGreaterThan(10);
  });

  it('known: last personal touch in words, likes and promos since, contact links, listening notes', () => {
    const v = view({
      touches: [
        { channel: 'call', depth: 'personal', at: NOW - 92 * DAY },
        ...[1, 2, 3, 4, 5].map((d) => ({ channel: 'like' as const, depth: 'passive' as const, at: NOW - d * DAY })),
        { channel: 'promo', depth: 'broadcast', at: NOW - 6 * DAY },
      ],
      notes: [{ kind: 'listening', text: 'Training for the Milan marathon' }],
    });
    renderIn(lang, { state: 'known', view: v, ...common() });
    const expected =
      lang === 'en'
        ? { last: 'Call, 3 months ago', since: '5 likes and 1 promo since your last conversation.' }
        : { last: 'Chiamata, 3 mesi fa', since: "5 mi piace e 1 promozione dall'ultima conversazione." };
    expect(screen.getByTestId('last-personal').textContent).toBe(expected.last);
    expect(screen.getByTestId('since').textContent).toBe(expected.since);
    expect(screen.getAllByText('Training for the Milan marathon').length).toBeGreaterThan(0);
    const links = within(screen.getByRole('list', { name: lang === 'en' ? 'Get in touch' : 'Mettiti in contatto' })).getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'tel:+393331234567',
      'https://wa.me/393331234567',
      'mailto:ada@example.org',
      'https://www.linkedin.com/in/ada-example/',
    ]);
    // Like-debt is the nudge.
    expect(screen.getByTestId('nudge').className).toContain('nudge-like-debt');
  });

  it('overdue for the circle rhythm: the overdue nudge', () => {
    renderIn(lang, { state: 'known', view: view({ patch: { circleId: 'close' }, touches: [{ channel: 'meeting', at: NOW - 40 * DAY }] }), ...common() });
    expect(screen.getByTestId('nudge').className).toContain('nudge-overdue-red');
  });

  it('follow-up due: the promise is the nudge, and can be marked done', async () => {
    const v = view({ touches: [{ channel: 'call', at: NOW - 3 * DAY }], notes: [{ id: 'f1', kind: 'followup', text: 'send the article', dueAt: NOW - DAY }] });
    renderIn(lang, { state: 'known', view: v, ...common() });
    expect(screen.getByTestId('nudge').textContent).toBe(lang === 'en' ? 'You promised: send the article' : 'Hai promesso: send the article');
    await userEvent.click(screen.getByRole('checkbox', { name: 'send the article' }));
    expect(actions.onFollowUpDone).toHaveBeenCalledWith('f1', true);
  });

  it('logs a touch and a note in one click each', async () => {
    renderIn(lang, { state: 'known', view: view(), ...common() });
    await userEvent.click(screen.getByRole('button', { name: words.logIt }));
    expect(actions.onLogTouch).toHaveBeenCalledWith(expect.objectContaining({ channel: 'call', note: '' }));
  });
});
