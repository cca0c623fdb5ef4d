import { describe, expect, it } from 'vitest';
import type { Reason } from '@/lib/relationship/reasons';
import { REASON_WEIGHTS } from '@/lib/relationship/reasons';
import { describeReason } from '@/lib/ui/describe';
import { parseBackup, serializeBackup } from '@/lib/backup/format';

const r = (code: Reason['code'], params: Reason['params']): Reason => ({ code, weight: REASON_WEIGHTS[code], params });

describe('a date’s reason in words', () => {
  it.each<[Reason, string, string]>([
    [r('date-today', { kind: 'nameday', days: 0 }), 'Name day today: a call means more than a post', 'Onomastico oggi: una telefonata vale più di un post'],
    [r('date-soon', { kind: 'wedding', days: 3 }), 'Wedding anniversary in 3 days', 'Anniversario di matrimonio tra 3 giorni'],
    [r('date-soon', { kind: 'work', days: 1 }), 'Work anniversary tomorrow', 'Anniversario di lavoro domani'],
    [r('date-today', { kind: 'wedding', days: 0, years: 10 }), 'Wedding anniversary today: 10 years', 'Anniversario di matrimonio oggi: 10 anni'],
    [r('date-today', { kind: 'child', label: "Luca's birthday", days: 0 }), "Luca's birthday today", "Luca's birthday oggi"],
    [r('date-after', { kind: 'other', label: 'her exam', days: 1, once: 1 }), 'Her exam was yesterday: ask how it went', 'Ieri: her exam. Chiedi com’è andata'],
    [
      r('date-after', { kind: 'other', label: "l'esame", days: 4, once: 1 }),
      "L'esame was 4 days ago: ask how it went",
      "4 giorni fa: l'esame. Chiedi com’è andata",
    ],
  ])('%j', (reason, en, it_) => {
    expect(describeReason('en', reason, 0)).toBe(en);
    expect(describeReason('it', reason, 0)).toBe(it_);
  });
});

describe('dates in a backup', () => {
  const person = (dates?: unknown) => ({
    id: 'p1',
    name: 'Ada',
    phones: [],
    emails: [],
    tags: [],
    archived: 0,
    createdAt: 1,
    updatedAt: 1,
    summary: { passiveSince: 0, broadcastSince: 0, personal12m: 0, inbound12m: 0, personalTotal: 0, openFollowUps: 0 },
    ...(dates !== undefined ? { dates } : {}),
  });
  const text = (p: unknown) =>
    JSON.stringify({ format: 'kith-backup', version: 1, exportedAt: 1, schemaVersion: 1, tables: { people: [p], profiles: [], touches: [], notes: [] } });

  it('a backup from before dates existed restores as it is', () => {
    expect(parseBackup(text(person()), 99).tables.people[0]!.dates).toBeUndefined();
  });

  it('carries dates, and drops a day no calendar has instead of refusing the file', () => {
    const dates = [
      { id: 'd1', kind: 'nameday', month: 5, day: 22 },
      { id: 'd2', kind: 'other', label: 'her exam', month: 3, day: 12, year: 2026, once: true, leadDays: 2 },
      { id: 'd3', kind: 'wedding', month: 4, day: 31 },
    ];
    const data = parseBackup(text(person(dates)), 99);
    expect(data.tables.people[0]!.dates).toEqual(dates.slice(0, 2));
    expect(parseBackup(serializeBackup(data), 99).tables.people[0]!.dates).toEqual(dates.slice(0, 2));
  });

  it('refuses a date of another shape', () => {
    expect(() => parseBackup(text(person([{ id: 'd1', kind: 'nameday', month: 13, day: 1 }])), 99)).toThrow();
  });
});

describe('the daily digest names the dates', () => {
  it('under the count, each person listed for a date with the reason in words, in both languages', async () => {
    const { digestText } = await import('@/lib/background/daily-digest');
    const { person } = await import('./relationship/fixtures');
    const giulia = person({ id: 'g', name: 'Giulia' });
    const ada = person({ id: 'a', name: 'Ada' });
    const ranked = [
      { person: giulia, reasons: [r('date-today', { kind: 'nameday', days: 0 })], top: r('date-today', { kind: 'nameday', days: 0 }) },
      { person: ada, reasons: [r('overdue-red', {})], top: r('overdue-red', {}) },
    ];
    expect(digestText('en', ranked, 0, 'UTC')).toBe('2 people to reach out to today\nGiulia: Name day today: a call means more than a post');
    expect(digestText('it', ranked, 0, 'UTC')).toBe('2 persone da contattare oggi\nGiulia: Onomastico oggi: una telefonata vale più di un post');
  });
});
