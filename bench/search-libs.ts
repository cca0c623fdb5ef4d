/**
 * MiniSearch 7, FlexSearch 0.8 and Orama 3 on Kith's own data: 30,000 people,
 * 300,000 touches and 100,000 notes from the bench's generator (faker, seed 42),
 * each person one document with the fields Kith searches (lib/search/docs.ts).
 * Measures build time, per-keystroke prefix query time, serialized size,
 * incremental update and removal, accent folding, and what each adds to a
 * minified bundle. Run: `npx tsx bench/search-libs.ts` (Node; about a minute).
 * Writes bench/search-libs.json; docs/search.md has the table and the choice.
 */
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { fakerEN as faker } from '@faker-js/faker';
import MiniSearch from 'minisearch';
import FlexSearch from 'flexsearch';
import { create, insertMultiple, remove as oramaRemove, insert as oramaInsert, search as oramaSearch, save as oramaSave } from '@orama/orama';
import { SEARCH_FIELDS, toDoc, type SearchDoc } from '@/lib/search/docs';
import { fold } from '@/lib/search/fold';
import type { Note } from '@/lib/model/types';
import { generateDataset } from './page';

const N_PEOPLE = Number(process.env.SEARCH_BENCH_PEOPLE ?? 30_000);
const N_TOUCHES = N_PEOPLE * 10;
const N_NOTES = Math.round(N_PEOPLE * 3.34);

const r2 = (x: number) => Math.round(x * 100) / 100;
function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const med = s.length % 2 ? s[s.length >> 1]! : (s[(s.length >> 1) - 1]! + s[s.length >> 1]!) / 2;
  return { n: xs.length, median: r2(med), p95: r2(s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]!) };
}
const time = <T>(fn: () => T): [T, number] => {
  const t0 = performance.now();
  const r = fn();
  return [r, performance.now() - t0];
};
const timeAsync = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
};

/** The generator's notes, topped up to 100,000 with listening notes spread over people, plus a few Italian ones. */
function dataset(): SearchDoc[] {
  const ds = generateDataset(N_PEOPLE, N_TOUCHES);
  faker.seed(7);
  const notes: Note[] = [...ds.notes];
  const IT = [
    'Abbiamo parlato della città di Perugia',
    'Il perché del trasloco a Faenza',
    'Corso di ceramica il giovedì',
    'Sua figlia Niccolò studia a Bologna',
  ];
  while (notes.length < N_NOTES) {
    const p = ds.people[faker.number.int({ min: 0, max: ds.people.length - 1 })]!;
    const text = notes.length % 50 === 0 ? faker.helpers.arrayElement(IT) : faker.lorem.sentences(2);
    notes.push({ id: faker.string.uuid(), personId: p.id, kind: 'listening', text, createdAt: 1, updatedAt: 1 });
  }
  const by = <T extends { personId: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) (m.get(r.personId) ?? m.set(r.personId, []).get(r.personId)!).push(r);
    return m;
  };
  const pr = by(ds.profiles);
  const no = by(notes);
  const to = by(ds.touches);
  return ds.people.map((person) => toDoc({ person, profiles: pr.get(person.id) ?? [], notes: no.get(person.id) ?? [], touches: to.get(person.id) ?? [] }));
}

/** What a user types, one keystroke at a time: a name, a company word, a word from notes, an Italian word typed without its accent. */
function keystrokes(docs: SearchDoc[]): string[] {
  const words = [docs[123 % docs.length]!.name.split(' ')[0]!, docs[4567 % docs.length]!.company.split(/\W+/)[0]!, 'voluptas', 'perche', 'citta', 'marco ros'];
  const out: string[] = [];
  for (const w of words) for (let i = 1; i <= w.length; i++) out.push(w.slice(0, i));
  return out;
}

interface Lib {
  name: string;
  build(docs: SearchDoc[]): Promise<void> | void;
  query(q: string): Promise<string[]> | string[];
  serialize(): Promise<string> | string;
  replace(doc: SearchDoc): Promise<void> | void;
  remove(id: string): Promise<void> | void;
  add(doc: SearchDoc): Promise<void> | void;
}

const TOKEN = /[\p{L}\p{M}\p{N}]+/gu;

function miniSearch(): Lib {
  const mini = new MiniSearch<SearchDoc>({
    fields: [...SEARCH_FIELDS],
    tokenize: (t, f) => (f === 'phones' ? t.split('\n') : (t.match(TOKEN) ?? [])),
    processTerm: (t) => fold(t) || null,
  });
  return {
    name: 'MiniSearch 7.2',
    build: (docs) => mini.addAll(docs),
    query: (q) =>
      mini
        .search(q, { prefix: true, combineWith: 'AND' })
        .slice(0, 20)
        .map((r) => String(r.id)),
    serialize: () => JSON.stringify(mini),
    replace: (d) => mini.replace(d),
    remove: (id) => mini.discard(id),
    add: (d) => mini.add(d),
  };
}

function flexSearch(): Lib {
  // 'forward' tokenizing is FlexSearch's prefix search; LatinBalance folds case and accents.
  const index = new FlexSearch.Document<SearchDoc>({
    document: { id: 'id', index: [...SEARCH_FIELDS] },
    tokenize: 'forward',
    encoder: FlexSearch.Charset.LatinBalance,
  });
  return {
    name: 'FlexSearch 0.8',
    build: (docs) => {
      for (const d of docs) index.add(d);
    },
    query: (q) => {
      // Every word must match (AND across words; OR across fields): FlexSearch's document search ORs fields per query, so intersect per word.
      const words = q.match(TOKEN) ?? [];
      let acc: Set<string> | undefined;
      for (const w of words) {
        const ids = new Set<string>();
        for (const f of index.search(w, { limit: 1000 }) as { result: string[] }[]) for (const id of f.result) ids.add(String(id));
        acc = acc ? new Set([...acc].filter((x) => ids.has(x))) : ids;
      }
      return [...(acc ?? [])].slice(0, 20);
    },
    serialize: () => {
      const parts: string[] = [];
      index.export((key: string, data: string) => {
        parts.push(key, data ?? '');
      });
      return parts.join('\n');
    },
    replace: (d) => {
      index.update(d);
    },
    remove: (id) => {
      index.remove(id);
    },
    add: (d) => {
      index.add(d);
    },
  };
}

function orama(): Lib {
  const schema = Object.fromEntries(SEARCH_FIELDS.map((f) => [f, 'string'])) as Record<(typeof SEARCH_FIELDS)[number], 'string'>;
  const db = create({ schema: { id: 'string', ...schema } });
  return {
    name: 'Orama 3.1',
    build: async (docs) => {
      await insertMultiple(db, docs, 1000);
    },
    query: async (q) => {
      const r = await oramaSearch(db, { term: q, limit: 20, threshold: 0 });
      return r.hits.map((h) => String(h.document.id));
    },
    serialize: () => JSON.stringify(oramaSave(db)),
    replace: async (d) => {
      await oramaRemove(db, d.id);
      await oramaInsert(db, d);
    },
    remove: async (id) => {
      await oramaRemove(db, id);
    },
    add: async (d) => {
      await oramaInsert(db, d);
    },
  };
}

async function accents(make: () => Lib) {
  const lib = make();
  const blank = Object.fromEntries(SEARCH_FIELDS.map((f) => [f, ''])) as Record<(typeof SEARCH_FIELDS)[number], string>;
  await lib.build([
    { ...blank, id: 'a', name: 'Niccolò Bianchi', notes: 'il perché della città' },
    { ...blank, id: 'b', name: 'ZOË SMITH', notes: 'ceramics in Faenza' },
  ]);
  const cases: [string, string][] = [
    ['niccolo', 'a'],
    ['NICCOLÒ', 'a'],
    ['perche', 'a'],
    ['citta', 'a'],
    ['zoe', 'b'],
    ['faen', 'b'],
    ['cera', 'b'],
  ];
  const passed: string[] = [];
  for (const [q, id] of cases) if ((await lib.query(q)).includes(id)) passed.push(q);
  return `${passed.length}/${cases.length}${
    passed.length < cases.length
      ? ` (misses ${cases
          .map((c) => c[0])
          .filter((q) => !passed.includes(q))
          .join(', ')})`
      : ''
  }`;
}

async function bundleBytes(spec: string) {
  const r = await build({
    stdin: { contents: spec, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    logLevel: 'silent',
  });
  const code = r.outputFiles[0]!.contents;
  return { minified: code.length, gzip: gzipSync(code).length };
}

async function main() {
  const [docs, genMs] = time(dataset);
  console.log(`[search-libs] ${docs.length} documents generated in ${Math.round(genMs)} ms`);
  const qs = keystrokes(docs);
  const bundles: Record<string, { minified: number; gzip: number }> = {
    'MiniSearch 7.2': await bundleBytes(`import MiniSearch from 'minisearch'; console.log(MiniSearch);`),
    'FlexSearch 0.8': await bundleBytes(`import F from 'flexsearch'; console.log(F.Document, F.Charset);`),
    'Orama 3.1': await bundleBytes(
      `import { create, insert, search, remove, save, load } from '@orama/orama'; console.log(create, insert, search, remove, save, load);`,
    ),
  };
  const results: Record<string, unknown>[] = [];
  for (const make of [miniSearch, flexSearch, orama]) {
    const lib = make();
    const [, buildMs] = await timeAsync(async () => lib.build(docs));
    // Warm up once, then every keystroke three times.
    for (const q of qs) await lib.query(q);
    const per: number[] = [];
    const hits: Record<string, number> = {};
    for (let round = 0; round < 3; round++)
      for (const q of qs) {
        const [r, ms] = await timeAsync(async () => lib.query(q));
        per.push(ms);
        hits[q] = r.length;
      }
    const [json, serMs] = await timeAsync(async () => lib.serialize());
    const upd: number[] = [];
    const rem: number[] = [];
    for (let i = 0; i < 200; i++) {
      const d = docs[(i * 97) % docs.length]!;
      upd.push((await timeAsync(async () => lib.replace({ ...d, notes: `${d.notes}\nnew words ${i}` })))[1]);
    }
    for (let i = 0; i < 200; i++) rem.push((await timeAsync(async () => lib.remove(docs[(i * 101 + 1) % docs.length]!.id)))[1]);
    const row = {
      library: lib.name,
      buildMs: Math.round(buildMs),
      keystroke: stats(per),
      serializedMB: r2(json.length / 1e6),
      serializeMs: Math.round(serMs),
      replaceMs: stats(upd),
      removeMs: stats(rem),
      accents: await accents(make),
      bundle: bundles[lib.name],
      heapMB: r2(process.memoryUsage().heapUsed / 1e6),
      hits: Object.fromEntries(['m', 'vol', 'voluptas', 'perche', 'marco ros'].map((q) => [q, hits[q]])),
    };
    console.log(JSON.stringify(row));
    results.push(row);
  }
  writeFileSync(
    'bench/search-libs.json',
    JSON.stringify({ date: new Date().toISOString(), people: N_PEOPLE, touches: N_TOUCHES, notes: N_NOTES, keystrokes: qs, results }, null, 2) + '\n',
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
