import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { KithDB } from '@/lib/db/db';
import { addNote, addPerson, deleteNote, deletePeople, editPerson, logTouch, mergePeople, removeTouch, updateNoteText, deleteAllData } from '@/lib/db/writes';
import { PeopleSearch, type SearchReply } from '@/lib/search/people-search';
import { memoryIndexStorage } from '@/lib/search/persist';
import { applyUndo, withUndo } from '@/lib/db/writes/undo';
import { keysNamed } from '@/lib/background/search';
import { RangeSet } from 'dexie';
import { ctxAt, freshDb, NOW } from '../db/helpers';

const open: KithDB[] = [];
afterEach(() => {
  for (const d of open.splice(0)) d.close();
});

function setup() {
  const db = freshDb();
  open.push(db);
  const storage = memoryIndexStorage();
  const search = new PeopleSearch(db, { storage, saveDelayMs: 0 });
  // Each write a millisecond later than the last, as clicks are.
  let t = NOW;
  const ctx = () => ctxAt(++t);
  return { db, storage, search, ctx };
}

const names = (r: SearchReply) => (r.state === 'ready' ? r.results.map((x) => x.name) : r.state);

describe('people search over the database', () => {
  it('finds a person by a word that is only in a note, with the snippet', async () => {
    const { db, search, ctx } = setup();
    const anna = await addPerson(db, { name: 'Anna Rossi' }, ctx());
    await addPerson(db, { name: 'Bruno Neri' }, ctx());
    await addNote(db, { personId: anna.id, kind: 'listening', text: 'Took the ceramics class in Faenza together' }, ctx());
    await search.open();
    const r = await search.query('faenz');
    expect(r).toMatchObject({ state: 'ready', results: [{ id: anna.id, name: 'Anna Rossi', why: { field: 'notes', match: 'Faenza' } }] });
  });

  it('shows the snippet of a note as edited, not as it was at the last keystroke', async () => {
    const { db, search, ctx } = setup();
    const anna = await addPerson(db, { name: 'Anna Rossi' }, ctx());
    const n = await addNote(db, { personId: anna.id, kind: 'listening', text: 'Ceramics class in Faenza' }, ctx());
    await search.open();
    expect(await search.query('faenz')).toMatchObject({ results: [{ why: { before: 'Ceramics class in ', match: 'Faenza' } }] });
    await updateNoteText(db, n.id, 'Moved to Faenza last spring', ctx());
    expect(await search.query('faenz')).toMatchObject({ results: [{ why: { before: 'Moved to ', match: 'Faenza', after: ' last spring' } }] });
  });

  it('an undone note is no longer found once the undo names the person, though the rows it puts back carry their old stamps', async () => {
    const { db, search, ctx } = setup();
    const anna = await addPerson(db, { name: 'Anna Rossi' }, ctx());
    await search.open();
    const { undo } = await withUndo(db, () => addNote(db, { personId: anna.id, kind: 'listening', text: 'loves sailing' }, ctx()));
    expect(names(await search.query('sailing'))).toEqual(['Anna Rossi']);
    await applyUndo(db, undo);
    // Nothing the undo wrote is stamped later than what the index has read: the background names the person from the write.
    await search.catchUp([anna.id]);
    expect(names(await search.query('sailing'))).toEqual([]);
    expect(names(await search.query('anna'))).toEqual(['Anna Rossi']);
  });

  it('reads the people a storage-mutated part names, from a RangeSet or the plain tree another context sends', () => {
    const set = new RangeSet();
    for (const k of ['p-2', 'p-1', 'p-3']) set.addKey(k);
    expect(keysNamed(set).sort()).toEqual(['p-1', 'p-2', 'p-3']);
    expect(keysNamed(structuredClone({ ...set })).sort()).toEqual(['p-1', 'p-2', 'p-3']);
    // A range (a table cleared) names nobody: the count check handles it.
    expect(keysNamed(new RangeSet('a', 'z'))).toEqual([]);
    expect(keysNamed(undefined)).toEqual([]);
  });

  it('follows every kind of write', async () => {
    const { db, search, ctx } = setup();
    const anna = await addPerson(db, { name: 'Anna Rossi' }, ctx());
    const bruno = await addPerson(db, { name: 'Bruno Neri' }, ctx());
    await search.open();

    const n = await addNote(db, { personId: anna.id, kind: 'listening', text: 'loves sailing' }, ctx());
    expect(names(await search.query('sailing'))).toEqual(['Anna Rossi']);
    await updateNoteText(db, n.id, 'loves climbing', ctx());
    expect(names(await search.query('sailing'))).toEqual([]);
    expect(names(await search.query('climb'))).toEqual(['Anna Rossi']);
    await deleteNote(db, n.id, ctx());
    expect(names(await search.query('climb'))).toEqual([]);

    const t = await logTouch(db, { personId: bruno.id, channel: 'call', note: 'talked about the trasloco a Perugia', source: 'manual' }, ctx());
    expect(names(await search.query('perugia'))).toEqual(['Bruno Neri']);
    await removeTouch(db, t.id, ctx());
    expect(names(await search.query('perugia'))).toEqual([]);

    await editPerson(db, bruno.id, { company: 'Officina Meccanica', phones: ['+39 055 765 4321'] }, ctx());
    expect(names(await search.query('officina'))).toEqual(['Bruno Neri']);
    expect(names(await search.query('7654321'))).toEqual(['Bruno Neri']);
    await editPerson(db, bruno.id, { name: 'Bruno Nerini' }, ctx());
    expect(names(await search.query('nerini'))).toEqual(['Bruno Nerini']);

    await deletePeople(db, [bruno.id], ctx());
    expect(names(await search.query('officina'))).toEqual([]);

    const carla = await addPerson(db, { name: 'Carla Anna Blu' }, ctx());
    await mergePeople(db, anna.id, carla.id, ctx());
    expect(names(await search.query('carla'))).toEqual([]);
  });

  it('sees writes made through another connection (another page)', async () => {
    const { db, search, ctx } = setup();
    await search.open();
    const { createDb } = await import('@/lib/db/db');
    const other = createDb(db.name);
    open.push(other);
    const p = await addPerson(other, { name: 'Dario Verdi' }, ctx());
    await addNote(other, { personId: p.id, kind: 'followup', text: 'send the photos from Lisbon' }, ctx());
    expect(await search.query('lisbon')).toMatchObject({ results: [{ name: 'Dario Verdi', why: { field: 'followups', match: 'Lisbon' } }] });
  });

  it('a fresh query looks at what changed first, even when no write was announced to it', async () => {
    const { db, search, ctx } = setup();
    await search.open();
    expect(names(await search.query('lisbon'))).toEqual([]);
    // Deaf to announcements, as a background that has not yet heard of a page's write.
    search.close();
    const p = await addPerson(db, { name: 'Dario Verdi' }, ctx());
    await addNote(db, { personId: p.id, kind: 'followup', text: 'send the photos from Lisbon' }, ctx());
    expect(names(await search.query('lisbon'))).toEqual([]);
    expect(names(await search.query('lisbon', 20, { fresh: true }))).toEqual(['Dario Verdi']);
  });

  it('rebuilds after everything is deleted', async () => {
    const { db, search, ctx } = setup();
    await addPerson(db, { name: 'Elena Gialli' }, ctx());
    await search.open();
    expect(names(await search.query('elena'))).toEqual(['Elena Gialli']);
    await deleteAllData(db);
    expect(names(await search.query('elena'))).toEqual([]);
    await addPerson(db, { name: 'Fabio Rosa' }, ctx());
    expect(names(await search.query('fabio'))).toEqual(['Fabio Rosa']);
  });

  it('loads a saved index instead of rebuilding, and catches up with what changed meanwhile', async () => {
    const { db, storage, search, ctx } = setup();
    const g = await addPerson(db, { name: 'Giulia Marrone' }, ctx());
    await search.open();
    await search.flush();
    expect(storage.saved).toBeDefined();
    await addNote(db, { personId: g.id, kind: 'listening', text: 'her dog is called Pepe' }, ctx());

    let builds = 0;
    const later = new PeopleSearch(db, { storage, onBuilt: () => builds++ });
    await later.open();
    expect(names(await later.query('pepe'))).toEqual(['Giulia Marrone']);
    expect(builds).toBe(0);
  });

  it('reports progress while it builds, then answers', async () => {
    const { db, storage, ctx } = setup();
    for (let i = 0; i < 3; i++) await addPerson(db, { name: `Person ${i}` }, ctx());
    const seen: unknown[] = [];
    const search = new PeopleSearch(db, { storage, onProgress: (p) => seen.push({ ...p }) });
    await search.open();
    expect(seen[0]).toEqual({ done: 0, total: 3 });
    expect(seen.at(-1)).toEqual({ done: 3, total: 3 });
    expect(names(await search.query('person'))).toHaveLength(3);
    expect(search.progress()).toBeUndefined();
  });

  it('answers the same from a saved-then-loaded index as from a fresh build', async () => {
    const WORDS = ['ceramica', 'Faenza', 'perché', 'città', 'sailing', 'Zoë', 'marathon', 'raku', 'Lisbona', 'cello', 'Niccolò', 'garden'];
    const word = fc.constantFrom(...WORDS);
    const op = fc.oneof(
      fc.record({ kind: fc.constant('person' as const), name: fc.array(word, { minLength: 1, maxLength: 2 }) }),
      fc.record({ kind: fc.constant('note' as const), who: fc.nat(), text: fc.array(word, { minLength: 1, maxLength: 4 }) }),
      fc.record({ kind: fc.constant('touch' as const), who: fc.nat(), text: fc.array(word, { minLength: 1, maxLength: 4 }) }),
      fc.record({ kind: fc.constant('delete' as const), who: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 12 }), async (ops, saveAt) => {
        const { db, storage, search, ctx } = setup();
        const ids: string[] = [];
        await search.open();
        for (const [i, o] of ops.entries()) {
          if (i === saveAt) {
            await search.catchUp();
            await search.flush();
          }
          if (o.kind === 'person') ids.push((await addPerson(db, { name: o.name.join(' ') }, ctx())).id);
          else if (ids.length === 0) continue;
          else if (o.kind === 'note') await addNote(db, { personId: ids[o.who % ids.length]!, kind: 'listening', text: o.text.join(' ') }, ctx());
          else if (o.kind === 'touch')
            await logTouch(db, { personId: ids[o.who % ids.length]!, channel: 'call', note: o.text.join(' '), source: 'manual' }, ctx());
          else await deletePeople(db, ids.splice(o.who % ids.length, 1), ctx());
        }
        await search.catchUp();
        await search.flush();
        const loaded = new PeopleSearch(db, { storage });
        const fresh = new PeopleSearch(db, { storage: memoryIndexStorage() });
        await Promise.all([loaded.open(), fresh.open()]);
        for (const q of [...WORDS, 'cer', 'citta', 'zoe', 'nicc', 'perche f']) {
          const [a, b] = [await loaded.query(q), await fresh.query(q)];
          // The same people, each for the same reason (scores of an index updated in place may differ in the last digits, so not the order).
          const set = (x: SearchReply) =>
            x.state === 'ready' ? x.results.map((r) => [r.id, r.why]).sort((m, n) => String(m[0]).localeCompare(String(n[0]))) : x.state;
          expect(set(a)).toEqual(set(b));
        }
      }),
      { numRuns: 15 },
    );
  });
});
