/**
 * Kith's merge rules for two versions of one document, and that the merge gives
 * the same answer in any order on any device.
 */
import { describe, expect, it } from 'vitest';
import { changedFields, localVersion, mergeDocs, stillPending, type SyncDoc } from '@/lib/sync/merge';

const base: SyncDoc = { t: 'people', r: { id: 'p', name: 'Ada', company: 'Engines', location: 'London' }, c: { name: 1, company: 1, location: 1 } };
const edit = (fields: Record<string, unknown>, at: number): SyncDoc =>
  localVersion('people', base, { ...base.r, ...fields }, Object.fromEntries(Object.keys(fields).map((k) => [k, at])));

describe('merge rules', () => {
  it.each([
    [
      'edits to different fields both survive',
      edit({ company: 'Babbage & Co' }, 5),
      edit({ location: 'Marylebone' }, 6),
      { company: 'Babbage & Co', location: 'Marylebone', name: 'Ada' },
    ],
    ['the same field: the later edit wins', edit({ company: 'Early' }, 5), edit({ company: 'Late' }, 9), { company: 'Late' }],
    ['the same field at the same time: the same winner everywhere', edit({ company: 'Alpha' }, 7), edit({ company: 'Beta' }, 7), { company: 'Beta' }],
    ['a field cleared later stays cleared', edit({ location: undefined }, 8), edit({ location: 'Paris' }, 4), { location: undefined }],
    [
      'a deletion wins over a later edit',
      localVersion('people', base, { id: 'p', name: '', deletedAt: 3 }, { name: 3, company: 3, location: 3, deletedAt: 3 }),
      edit({ company: 'Later' }, 10),
      { name: '', deletedAt: 3, company: undefined, location: undefined },
    ],
  ] as const)('%s', (_name, a, b, expected) => {
    const ab = mergeDocs([a, b]);
    const ba = mergeDocs([b, a]);
    expect(ab).toEqual(ba);
    for (const [k, v] of Object.entries(expected)) expect(ab.r[k]).toEqual(v);
  });

  it('is idempotent and associative', () => {
    const a = edit({ company: 'A' }, 5);
    const b = edit({ location: 'B' }, 6);
    const c = localVersion('people', base, { id: 'p', name: '', deletedAt: 7 }, { name: 7, company: 7, location: 7, deletedAt: 7 });
    expect(mergeDocs([a, a])).toEqual(a);
    expect(mergeDocs([mergeDocs([a, b]), c])).toEqual(mergeDocs([a, mergeDocs([b, c])]));
    expect(mergeDocs([mergeDocs([a, c]), b])).toEqual(mergeDocs([a, b, c]));
  });

  it('a tombstone never comes back to life, whatever edit arrives later', () => {
    const tomb = localVersion('people', base, { id: 'p', name: '', deletedAt: 3 }, { name: 3, deletedAt: 3, company: 3, location: 3 });
    let doc = tomb;
    for (const at of [4, 50, 10_000]) doc = mergeDocs([doc, edit({ name: `Ada ${at}`, company: 'X' }, at)]);
    expect(doc.r).toEqual(tomb.r);
  });

  it('records only the fields that changed; a local change beaten by a later remote one is no longer pending', () => {
    expect(changedFields({ id: 'p', name: 'A', tags: ['x'] }, { id: 'p', name: 'A', tags: ['x', 'y'] }, 4)).toEqual({ tags: 4 });
    expect(changedFields(undefined, { id: 'p', name: 'A' }, 4)).toEqual({ name: 4 });
    const mine = { ...base.r, company: 'Mine' };
    const remote = edit({ company: 'Theirs' }, 9);
    const merged = mergeDocs([remote, localVersion('people', remote, mine, { company: 5 })]);
    expect(merged.r['company']).toBe('Theirs');
    expect(stillPending(merged, mine, { company: 5 })).toEqual({});
  });
});
