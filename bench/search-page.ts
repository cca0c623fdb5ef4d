/**
 * The search stage's code inside an extension page (bundled into bench/page.ts's
 * IIFE): topping the generated notes up to 100,000, reading the saved index's
 * size, timing a page's own load of it (what each popup would pay if pages kept
 * no index in the background), and a note's write cost.
 */
import { fakerEN as faker } from '@faker-js/faker';
import { createDb } from '@/lib/db/db';
import { addNote } from '@/lib/db/writes';
import { DEFAULT_CIRCLES } from '@/lib/model/settings';
import type { Note, Person } from '@/lib/model/types';
import { SearchIndex } from '@/lib/search/engine';
import { idbIndexStorage } from '@/lib/search/persist';

/** Italian and English sentences among the lorem ipsum, so accented words and real words are searched too. */
const REAL = [
  'Abbiamo parlato della città di Perugia e del perché del trasloco',
  'Corso di ceramica il giovedì sera a Faenza',
  'We met at the pottery class; she fires raku on Sundays',
  'Sua figlia Niccolò studia a Bologna',
  'Wants an introduction to someone at the observatory',
];

/** Top the dataset's notes up to `total` listening notes spread over everyone (seeded: the same every run). */
export function topUpNotes(people: readonly Person[], notes: Note[], total: number): void {
  faker.seed(7);
  const now = Date.now();
  while (notes.length < total) {
    const p = people[faker.number.int({ min: 0, max: people.length - 1 })]!;
    const text = notes.length % 40 === 0 ? faker.helpers.arrayElement(REAL) : faker.lorem.sentences(2);
    const at = now - faker.number.int({ min: 1, max: 700 }) * 86_400_000;
    notes.push({ id: faker.string.uuid(), personId: p.id, kind: 'listening', text, createdAt: at, updatedAt: at });
  }
}

export const searchApi = {
  /** The saved index: bytes of its JSON, and how long a page takes to read and load it. */
  async savedIndex() {
    const t0 = performance.now();
    const saved = await idbIndexStorage().load();
    const readMs = performance.now() - t0;
    if (!saved) return { saved: false };
    const t1 = performance.now();
    const index = SearchIndex.fromJSON(saved.json);
    const loadJsonMs = performance.now() - t1;
    return {
      saved: true,
      people: index.size,
      jsonMB: Math.round(saved.json.length / 1e4) / 100,
      stampsKB: Math.round(JSON.stringify(saved.stamps).length / 1e3),
      readMs: Math.round(readMs),
      loadJsonMs: Math.round(loadJsonMs),
    };
  },
  /**
   * Add a note with a word of its own, then ask the background's search for that
   * word at once: the catch-up that query waits for is the index's upkeep for one
   * note (its reply's `parts.catchUp`), and the note must be found.
   */
  async noteUpkeep(runs = 15) {
    const db = createDb('kith');
    await db.open();
    const ids = (await db.people.limit(2000).toArray()).filter((p) => !p.deletedAt).map((p) => p.id);
    const out: Array<{ writeMs: number; upkeepMs: number; queryMs: number; found: boolean }> = [];
    for (let i = 0; i < runs; i++) {
      const personId = ids[(i * 89 + 13) % ids.length]!;
      const word = `zebrafish${i}x${Date.now() % 100000}`;
      const t0 = performance.now();
      await addNote(db, { personId, kind: 'listening', text: `spotted a ${word} today` }, { now: Date.now(), timeZone: 'UTC', circles: DEFAULT_CIRCLES });
      const t1 = performance.now();
      const reply = (await chrome.runtime.sendMessage({ type: 'search/query', query: word })) as {
        data: { state: string; ms?: number; parts?: { catchUp: number }; results?: Array<{ id: string }> };
      };
      const r = reply.data;
      out.push({
        writeMs: t1 - t0,
        upkeepMs: r.parts?.catchUp ?? NaN,
        queryMs: performance.now() - t1,
        found: !!r.results?.some((x) => x.id === personId),
      });
      await new Promise((res) => setTimeout(res, 300));
    }
    db.close();
    return out;
  },
  /** Add a note through the write path `runs` times (different people), ms each. */
  async noteWrites(runs = 15) {
    const db = createDb('kith');
    await db.open();
    const ids = (await db.people.limit(2000).toArray()).filter((p) => !p.deletedAt).map((p) => p.id);
    const xs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await addNote(
        db,
        { personId: ids[(i * 97) % ids.length]!, kind: 'listening', text: `bench note ${i} about quasars` },
        { now: Date.now(), timeZone: 'UTC', circles: DEFAULT_CIRCLES },
      );
      xs.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 50));
    }
    db.close();
    return xs;
  },
};
