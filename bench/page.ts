/**
 * Benchmark code that runs INSIDE an extension page of the built Kith extension
 * (same origin as the `kith` IndexedDB), in real Chromium. Bundled by bench/run.mjs
 * into one IIFE and evaluated in the page through the DevTools protocol, so the app
 * needs no hook of any kind. Exposes `globalThis.__kithBench`.
 *
 * All data comes from faker seeded with 42: the same records every run.
 */
import { fakerEN as faker } from '@faker-js/faker';
import { createDb, type KithDB } from '@/lib/db/db';
import { bucketOf, bucketsFromPeople, upToStretch } from '@/lib/db/reach-buckets';
import { applyImport } from '@/lib/db/writes';
import { readExisting, loadPeopleRows } from '@/lib/db/read';
import { filterPeople } from '@/lib/relationship/people-list';
import { dueCandidates, reachOutList, rekindleCandidateIds } from '@/lib/db/queries';

/** Diagnostics only: every rekindle candidate row (the app itself reads only their keys). */
import { mergePlan, parseConnections } from '@/lib/import/index';
import { parseFiles, parseFilesHere } from '@/lib/import/parse-worker';
import type { ParseResult } from '@/lib/import/types';
import { DEFAULT_CIRCLES } from '@/lib/model/settings';
import type { Channel, Note, Person, Profile, Touch, TouchDepth } from '@/lib/model/types';
import { rankReachOut } from '@/lib/relationship/rank';
import { computeSummary } from '@/lib/relationship/summary';
import { profileKey } from '@/lib/sites/identity';
import { importUiFloor, resetKith } from './import-ui-page';
import { searchApi, topUpNotes } from './search-page';

const DAY = 86_400_000;

// ------------------------------------------------------------------ helpers

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]!;
}
export function stats(xs: number[]) {
  const r = (x: number) => Math.round(x * 100) / 100;
  return { n: xs.length, median: r(median(xs)), p95: r(p95(xs)), min: r(Math.min(...xs)), max: r(Math.max(...xs)), runs: xs.map(r) };
}

function deleteDb(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
    req.onblocked = () => resolve();
  });
}

function openRaw(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/**
 * A throwaway database with exactly Kith's object stores and indexes (created by
 * Dexie from lib/db/schema.ts, then closed), opened with the plain IndexedDB API.
 */
async function rawKithShaped(name: string): Promise<IDBDatabase> {
  await deleteDb(name);
  const d = createDb(name);
  await d.open();
  d.close();
  return openRaw(name);
}

/** The floor: plain IDBObjectStore.add of every record, one readwrite transaction. */
function rawAdd(db: IDBDatabase, rows: Record<string, unknown[]>): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const stores = Object.keys(rows);
    const tx = db.transaction(stores, 'readwrite');
    for (const s of stores) {
      const os = tx.objectStore(s);
      for (const r of rows[s]!) os.add(r);
    }
    tx.oncomplete = () => resolve(performance.now() - t0);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('aborted'));
  });
}

const tick = () => new Promise((r) => setTimeout(r, 0));

// ------------------------------------------------------------------ dataset

export interface Dataset {
  now: number;
  timeZone: string;
  people: Person[];
  profiles: Profile[];
  touches: Touch[];
  notes: Note[];
  mix: Record<string, number>;
  generateMs: number;
}

const PERSONAL: Channel[] = ['message', 'message', 'message', 'call', 'meeting', 'email', 'video'];
const PASSIVE: Channel[] = ['like', 'like', 'like', 'like', 'repost', 'endorsement', 'wish'];
const BROADCAST: Channel[] = ['newsletter', 'promo', 'mass-message'];

function slug(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
}

/**
 * 30,000 people and 300,000 touches with a realistic mix: most people have no
 * rhythm and a few passive touches; ~3% in circles with regular personal contact;
 * ~12% "active" (many touches, no circle); some birthdays, open follow-ups,
 * like-debt, a few brand-new connections, a few archived. Summaries computed by
 * the app's own computeSummary, as every write would.
 */
export function generateDataset(nPeople: number, nTouches: number, extra: Array<{ name: string; handle: string; touches: number }> = []): Dataset {
  const g0 = performance.now();
  faker.seed(42);
  // Every time is relative to the real "now": the popup and the side panel use the
  // real clock, so the stored summaries must agree with it. Only the birthdays that
  // fall today/tomorrow depend on the calendar date of the run.
  const now = Date.now();
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const circles = DEFAULT_CIRCLES;
  const int = (min: number, max: number) => faker.number.int({ min, max });
  const chance = (p: number) => faker.number.float({ min: 0, max: 1 }) < p;
  let seq = 0;
  const uuid = () => faker.string.uuid();

  type Kind = 'circle' | 'active' | 'quiet' | 'welcome';
  const plan: Array<{ kind: Kind; count: number; circleId?: string; debt: boolean; promo: boolean }> = [];
  for (let i = 0; i < nPeople; i++) {
    const r = faker.number.float({ min: 0, max: 1 });
    if (r < 0.03) {
      const c = faker.number.float({ min: 0, max: 1 });
      plan.push({ kind: 'circle', count: int(20, 60), circleId: c < 0.1 ? 'close' : c < 0.4 ? 'friends' : 'network', debt: false, promo: false });
    } else if (r < 0.15) plan.push({ kind: 'active', count: int(15, 45), debt: chance(0.05), promo: chance(0.01) });
    else if (r < 0.1505) plan.push({ kind: 'welcome', count: int(0, 2), debt: false, promo: false });
    else plan.push({ kind: 'quiet', count: int(0, 11), debt: chance(0.006), promo: chance(0.002) });
  }
  // Exactly nTouches: top up or trim the active people's counts.
  let total = plan.reduce((n, p) => n + p.count + (p.debt ? 3 : 0), 0) + extra.reduce((n, e) => n + e.touches, 0);
  const actives = plan.filter((p) => p.kind === 'active' || p.kind === 'quiet');
  while (total !== nTouches) {
    const p = actives[int(0, actives.length - 1)]!;
    if (total < nTouches) {
      p.count++;
      total++;
    } else if (p.count > 0) {
      p.count--;
      total--;
    }
  }

  const people: Person[] = [];
  const profiles: Profile[] = [];
  const touches: Touch[] = [];
  const notes: Note[] = [];
  const mix = { circle: 0, active: 0, quiet: 0, welcome: 0, birthdays: 0, openFollowUps: 0, debt: 0, archived: 0, withDueAt: 0, withRekindleAt: 0 };

  const makePerson = (name: string, handle: string, spec: (typeof plan)[number]) => {
    const id = uuid();
    const createdAt = now - int(30, 900) * DAY;
    const p: Person = {
      id,
      name,
      phones: chance(0.15) ? [faker.phone.number({ style: 'international' })] : [],
      emails: chance(0.25) ? [faker.internet.email({ firstName: name.split(' ')[0], lastName: name.split(' ')[1] }).toLowerCase()] : [],
      tags: chance(0.1) ? [faker.helpers.arrayElement(['milan', 'design', 'investor', 'alumni', 'client'])] : [],
      archived: chance(0.01) ? 1 : 0,
      createdAt,
      updatedAt: createdAt,
      headline: faker.person.jobTitle(),
      company: faker.company.name(),
      summary: { passiveSince: 0, broadcastSince: 0, personal12m: 0, inbound12m: 0, personalTotal: 0, openFollowUps: 0 },
    };
    if (spec.kind === 'welcome') p.connectedAt = now - int(0, 6 * 24) * 3_600_000;
    else if (chance(0.9)) p.connectedAt = now - int(30, 3650) * DAY;
    if (spec.circleId) p.circleId = spec.circleId;
    if (chance(0.15)) p.birthday = { month: int(1, 12), day: int(1, 28), ...(chance(0.3) ? { year: int(1955, 2000) } : {}) };
    if (chance(0.03)) p.howWeMet = faker.lorem.sentence();
    const key = profileKey('linkedin', handle);
    profiles.push({
      id: uuid(),
      personId: id,
      site: 'linkedin',
      handle: key.slice('linkedin:'.length),
      key,
      url: `https://www.linkedin.com/in/${handle}/`,
      createdAt,
      updatedAt: createdAt,
    });

    // Touches, oldest first.
    const own: Touch[] = [];
    const ideal = spec.circleId ? circles.find((c) => c.id === spec.circleId)!.rhythm.idealDays : 0;
    const span = spec.kind === 'circle' ? 730 : 1095;
    const times: number[] = [];
    for (let k = 0; k < spec.count; k++) times.push(now - faker.number.float({ min: 0, max: span }) * DAY);
    times.sort((a, b) => a - b);
    if (spec.kind === 'circle' && times.length) {
      // Their last personal touch somewhere in 0..1.5 rhythms ago: about a third overdue.
      times[times.length - 1] = now - faker.number.float({ min: 0, max: 1.5 * ideal }) * DAY;
      times.sort((a, b) => a - b);
    }
    for (let k = 0; k < times.length; k++) {
      const r = faker.number.float({ min: 0, max: 1 });
      const pPersonal = spec.kind === 'circle' ? 0.6 : spec.kind === 'active' ? 0.3 : 0.2;
      let depth: TouchDepth = r < pPersonal ? 'personal' : r < pPersonal + 0.1 ? 'broadcast' : 'passive';
      if (spec.kind === 'circle' && k === times.length - 1) depth = 'personal';
      if (spec.kind === 'welcome') depth = 'passive';
      const channel = faker.helpers.arrayElement(depth === 'personal' ? PERSONAL : depth === 'passive' ? PASSIVE : BROADCAST);
      const direction = depth === 'broadcast' ? (chance(0.2) ? 'out' : 'in') : chance(0.35) ? 'in' : 'out';
      const fromImport = chance(0.5);
      own.push({
        id: uuid(),
        personId: id,
        depth,
        direction,
        channel,
        at: Math.round(times[k]!),
        source: fromImport ? 'import' : channel === 'like' ? 'page' : 'manual',
        ...(fromImport ? { sourceKey: `bench:${seq++}` } : {}),
        ...(depth === 'personal' && chance(0.3) ? { note: faker.lorem.sentence() } : {}),
        createdAt: Math.round(times[k]!),
        updatedAt: Math.round(times[k]!),
      });
    }
    // Keep like-debt and "only ads" to the people chosen for it: walking back from
    // the newest touch, a third passive touch before any personal one becomes a
    // personal message, and an outbound broadcast becomes an inbound one.
    if (!spec.debt && !spec.promo) {
      let passive = 0;
      for (let k = own.length - 1; k >= 0; k--) {
        const t = own[k]!;
        if (t.depth === 'personal') break;
        if (t.depth === 'broadcast' && t.direction === 'out') t.direction = 'in';
        if (t.depth === 'passive' && ++passive === 3) {
          t.depth = 'personal';
          t.channel = 'message';
          break;
        }
      }
    }
    if (spec.debt) {
      for (let k = 0; k < 3; k++) {
        const at = now - int(1, 60) * DAY;
        own.push({ id: uuid(), personId: id, depth: 'passive', direction: 'out', channel: 'like', at, source: 'page', createdAt: at, updatedAt: at });
      }
    }
    if (spec.promo && own.length) {
      const t = own[own.length - 1]!;
      t.depth = 'broadcast';
      t.channel = 'promo';
      t.direction = 'out';
    }
    const ownNotes: Note[] = [];
    if (chance(0.05)) {
      for (let k = int(1, 3); k > 0; k--) {
        const at = now - int(1, 400) * DAY;
        ownNotes.push({ id: uuid(), personId: id, kind: 'listening', text: faker.lorem.sentences(2), createdAt: at, updatedAt: at });
      }
    }
    if (chance(0.02)) {
      const at = now - int(1, 60) * DAY;
      ownNotes.push({
        id: uuid(),
        personId: id,
        kind: 'followup',
        text: faker.lorem.sentence(),
        dueAt: now + int(-10, 30) * DAY,
        createdAt: at,
        updatedAt: at,
      });
    }
    if (chance(0.01)) {
      const at = now - int(30, 90) * DAY;
      ownNotes.push({
        id: uuid(),
        personId: id,
        kind: 'followup',
        text: faker.lorem.sentence(),
        dueAt: at + 7 * DAY,
        doneAt: at + 5 * DAY,
        createdAt: at,
        updatedAt: at,
      });
    }
    p.summary = computeSummary({ person: p, touches: own, notes: ownNotes, circles, now, timeZone });
    people.push(p);
    touches.push(...own);
    notes.push(...ownNotes);
    mix[spec.kind]++;
    if (p.birthday) mix.birthdays++;
    if (p.summary.openFollowUps) mix.openFollowUps++;
    if (p.summary.passiveSince >= 3 || p.summary.broadcastSince >= 1) mix.debt++;
    if (p.archived) mix.archived++;
    if (p.summary.dueAt !== undefined) mix.withDueAt++;
    if (p.summary.rekindleAt !== undefined) mix.withRekindleAt++;
  };

  for (const e of extra) makePerson(e.name, e.handle, { kind: 'circle', circleId: 'friends', count: e.touches, debt: false, promo: false });
  const seen = new Set<string>();
  for (const spec of plan) {
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    let handle = `${slug(first)}-${slug(last)}`;
    if (seen.has(handle)) handle = `${handle}-${faker.string.alphanumeric({ length: 8, casing: 'lower' })}`;
    seen.add(handle);
    makePerson(`${first} ${last}`, handle, spec);
  }
  return { now, timeZone, people, profiles, touches, notes, mix, generateMs: performance.now() - g0 };
}

// ------------------------------------------------------------------ 1. the floor

/** Plain IDBObjectStore.add vs Dexie bulkAdd of the same person records, alternating. */
export async function floorVsDexie(ds: Dataset, rounds = 3) {
  const rows = ds.people;
  const raw: number[] = [];
  const dexie: number[] = [];
  for (let i = 0; i < rounds; i++) {
    for (const which of i % 2 ? ['dexie', 'raw'] : ['raw', 'dexie']) {
      const name = `bench-${which}-${i}`;
      if (which === 'raw') {
        const db = await rawKithShaped(name);
        await tick();
        // What Kith writes for them: the rows, and the due buckets derived from them.
        raw.push(await rawAdd(db, { people: rows, ...bucketsFromPeople(rows) }));
        db.close();
      } else {
        await deleteDb(name);
        const db = createDb(name);
        await db.open();
        await tick();
        const t0 = performance.now();
        await db.transaction('rw', db.people, () => db.people.bulkAdd(rows));
        dexie.push(performance.now() - t0);
        db.close();
      }
      await deleteDb(name);
    }
  }
  return { records: rows.length, raw: stats(raw), dexie: stats(dexie), ratio: Math.round((median(dexie) / median(raw)) * 100) / 100 };
}

// ------------------------------------------------------------------ 2. seed + reach-out

/** Not a measurement: the quickest way to fill the real `kith` database (one plain transaction). */
export async function seedKith(ds: Dataset, name = 'kith') {
  const db = createDb(name);
  await db.open(); // creates it with Kith's schema if the background has not yet
  const t0 = performance.now();
  await db.transaction('rw', [db.people, db.profiles, db.touches, db.notes], async () => {
    await Promise.all([db.people.clear(), db.profiles.clear(), db.touches.clear(), db.notes.clear()]);
  });
  const raw = await openRaw(name);
  await rawAdd(raw, { people: ds.people, profiles: ds.profiles, notes: ds.notes, touches: ds.touches, ...bucketsFromPeople(ds.people) });
  raw.close();
  const counts = { people: await db.people.count(), profiles: await db.profiles.count(), touches: await db.touches.count(), notes: await db.notes.count() };
  db.close();
  return { seedMs: Math.round(performance.now() - t0), counts };
}

/** How long the database is left alone after the seed before the reach-out query is timed. */
const SETTLE_MS = 15_000;

export async function reachOut(ds: Pick<Dataset, 'now' | 'timeZone'>, name = 'kith', runs = 15, scanRuns = 3) {
  const db: KithDB = createDb(name);
  await db.open();
  const ctx = { now: ds.now, timeZone: ds.timeZone, circles: DEFAULT_CIRCLES };
  // The first call after opening, reported on its own.
  let t0 = performance.now();
  const first = await reachOutList(db, ctx);
  const firstMs = performance.now() - t0;
  // Right after the seed (330,000 rows written in one go), IndexedDB's backend is
  // still busy with its own housekeeping for several seconds and every read is
  // slower: reported on its own, as information.
  const justSeeded: number[] = [];
  for (let i = 0; i < runs; i++) {
    t0 = performance.now();
    await reachOutList(db, ctx);
    justSeeded.push(performance.now() - t0);
  }
  // The popup meets a database at rest: nothing runs for SETTLE_MS, then the
  // measured calls.
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const q: number[] = [];
  for (let i = 0; i < runs; i++) {
    t0 = performance.now();
    await reachOutList(db, ctx);
    q.push(performance.now() - t0);
  }
  const dueRows = await db.people
    .where('summary.dueAt')
    .belowOrEqual(ds.now + DAY)
    .count();
  const bucketRows = await db.dueBuckets
    .where('key')
    .belowOrEqual(upToStretch(bucketOf(ds.now + DAY)))
    .count();
  const bucketsAll = await db.dueBuckets.count();
  const rekindleRows = await db.rekindleBuckets
    .where('key')
    .belowOrEqual(upToStretch(bucketOf(ds.now)))
    .count();
  const rekindleAll = await db.rekindleBuckets.count();
  // Where the time goes: the two bucket reads reachOutList starts with (the due
  // people, the rekindle candidates' ids), each alone and both together as the
  // query starts them, and the ranking (pure CPU) alone.
  const due: number[] = [];
  const rekindle: number[] = [];
  const together: number[] = [];
  let dueN = 0;
  let rekindleN = 0;
  for (let i = 0; i < 7; i++) {
    t0 = performance.now();
    dueN = (await dueCandidates(db, ctx.now, ctx.timeZone)).length;
    due.push(performance.now() - t0);
    t0 = performance.now();
    rekindleN = (await rekindleCandidateIds(db, ctx.now)).length;
    rekindle.push(performance.now() - t0);
    t0 = performance.now();
    await Promise.all([dueCandidates(db, ctx.now, ctx.timeZone), rekindleCandidateIds(db, ctx.now)]);
    together.push(performance.now() - t0);
  }
  const duePeople = await dueCandidates(db, ctx.now, ctx.timeZone);
  const rank: number[] = [];
  for (let i = 0; i < 7; i++) {
    t0 = performance.now();
    rankReachOut({
      people: duePeople,
      notesByPerson: new Map<string, Note[]>(),
      circles: ctx.circles,
      now: ctx.now,
      timeZone: ctx.timeZone,
      rekindleCandidates: [],
    });
    rank.push(performance.now() - t0);
  }
  const scan: number[] = [];
  let groups = 0;
  for (let i = 0; i < scanRuns; i++) {
    t0 = performance.now();
    const all = await db.touches.toArray();
    const byPerson = new Map<string, Touch[]>();
    for (const t of all) {
      const l = byPerson.get(t.personId);
      if (l) l.push(t);
      else byPerson.set(t.personId, [t]);
    }
    scan.push(performance.now() - t0);
    groups = byPerson.size;
    await tick();
  }
  db.close();
  const reasons: Record<string, number> = {};
  for (const r of first) reasons[r.top.code] = (reasons[r.top.code] ?? 0) + 1;
  return {
    listed: first.length,
    dueIndexRows: dueRows,
    dueBuckets: { read: bucketRows, all: bucketsAll },
    rekindleBuckets: { read: rekindleRows, all: rekindleAll },
    topReasons: reasons,
    firstCallMs: Math.round(firstMs * 100) / 100,
    justSeeded: stats(justSeeded),
    settleMs: SETTLE_MS,
    query: stats(q),
    breakdown: {
      dueCandidates: { rows: dueN, ...stats(due) },
      rekindleKeys: { keys: rekindleN, ...stats(rekindle) },
      bothReads: stats(together),
      rankReachOut: stats(rank),
    },
    scan: { ...stats(scan), groups },
    speedup: Math.round((median(scan) / median(q)) * 10) / 10,
  };
}

/**
 * What the reach buckets cost a write: one change to a person (Dexie `update`,
 * the path every edit takes) in the largest due bucket, with the buckets and,
 * on the same people, through a second connection without them; and to people
 * in no bucket. The connection without them writes first, so the buckets end up
 * fresh again (only `updatedAt` changes).
 */
export async function writeCost(name = 'kith', runs = 10) {
  const db = createDb(name);
  await db.open();
  const plain = createDb(name);
  plain.unuse({ stack: 'dbcore', name: 'KithReachBuckets' });
  await plain.open();
  const rows = await db.dueBuckets.toArray();
  const biggest = rows.reduce((a, b) => (b.people.length > a.people.length ? b : a));
  const inBucket = biggest.people.slice(0, runs).map((p) => p.id);
  const outside = (await db.people.limit(3000).toArray())
    .filter((p) => p.summary.dueAt === undefined && p.summary.rekindleAt === undefined)
    .slice(0, runs)
    .map((p) => p.id);
  const time = async (d: KithDB, ids: string[]) => {
    const xs: number[] = [];
    for (const id of ids) {
      const t0 = performance.now();
      await d.people.update(id, { updatedAt: Date.now() });
      xs.push(performance.now() - t0);
      await tick();
    }
    return stats(xs);
  };
  const withoutBuckets = await time(plain, inBucket);
  const withBuckets = await time(db, inBucket);
  const noBucket = await time(db, outside);
  plain.close();
  db.close();
  return { biggestBucket: biggest.people.length, buckets: rows.length, withBuckets, withoutBuckets, noBucket };
}

// ------------------------------------------------------------------ 4. import

/** A 30,000-row Connections.csv with LinkedIn's real preamble and header. */
export function connectionsCsv(rows = 30_000): string {
  faker.seed(42);
  const esc = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const lines = [
    'Notes:',
    '"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261"',
    '',
    'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
  ];
  for (let i = 0; i < rows; i++) {
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    const handle = `${slug(first)}-${slug(last)}-${faker.string.alphanumeric({ length: 8, casing: 'lower' })}`;
    const email = faker.number.float({ min: 0, max: 1 }) < 0.08 ? faker.internet.email({ firstName: first, lastName: last }).toLowerCase() : '';
    const d = faker.date.between({ from: Date.UTC(2010, 0, 1), to: Date.UTC(2026, 3, 30) });
    const date = `${String(d.getUTCDate()).padStart(2, '0')} ${MON[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
    lines.push([first, last, `https://www.linkedin.com/in/${handle}`, email, faker.company.name(), faker.person.jobTitle(), date].map(esc).join(','));
  }
  return lines.join('\n') + '\n';
}

/**
 * The options page's path: bytes -> parseConnections -> readExisting -> mergePlan
 * -> applyImport (one transaction, summaries computed), into an empty Kith-schema
 * database; vs the floor: plain add of the very rows the import wrote into another
 * empty Kith-schema database, one transaction. Alternating, `rounds` times.
 */
export async function importVsFloor(rows = 30_000, rounds = 3) {
  const csv = new TextEncoder().encode(connectionsCsv(rows));
  const now = Date.now();
  const ctx = { now, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC', circles: DEFAULT_CIRCLES };
  const total: number[] = [];
  const parse: number[] = [];
  const plan: number[] = [];
  const apply: number[] = [];
  const floor: number[] = [];
  let written: { people: Person[]; profiles: Profile[]; touches: Touch[] } | undefined;
  let report: unknown;
  let profileLookupMs = 0;
  const runImport = async (i: number) => {
    const name = `bench-import-${i}`;
    await deleteDb(name);
    const db = createDb(name);
    await db.open();
    await tick();
    const t0 = performance.now();
    const parsed = parseConnections(csv, { now });
    const t1 = performance.now();
    const existing = await readExisting(db);
    const mp = mergePlan(existing, [parsed]);
    const t2 = performance.now();
    report = await applyImport(db, mp, ctx);
    const t3 = performance.now();
    total.push(t3 - t0);
    parse.push(t1 - t0);
    plan.push(t2 - t1);
    apply.push(t3 - t2);
    if (!written) {
      written = { people: await db.people.toArray(), profiles: await db.profiles.toArray(), touches: await db.touches.toArray() };
      // Diagnostic: the profile-key lookups applyImport makes (one anyOf per chunk of
      // 500 new profiles), timed on a sample of 10 chunks and scaled to all of them.
      const keys = written.profiles.map((p) => p.key);
      const sample = Math.min(10, Math.ceil(keys.length / 500));
      const l0 = performance.now();
      for (let k = 0; k < sample * 500; k += 500)
        await db.profiles
          .where('key')
          .anyOf(keys.slice(k, k + 500))
          .toArray();
      profileLookupMs = ((performance.now() - l0) / sample) * Math.ceil(keys.length / 500);
    }
    db.close();
    await deleteDb(name);
  };
  const runFloor = async (i: number) => {
    const name = `bench-import-floor-${i}`;
    const db = await rawKithShaped(name);
    await tick();
    floor.push(await rawAdd(db, written!));
    db.close();
    await deleteDb(name);
  };
  for (let i = 0; i < rounds; i++) {
    if (i % 2 === 0) {
      await runImport(i);
      await runFloor(i);
    } else {
      await runFloor(i);
      await runImport(i);
    }
  }
  return {
    csvBytes: csv.byteLength,
    csvRows: rows,
    written: { people: written!.people.length, profiles: written!.profiles.length, touches: written!.touches.length },
    report,
    total: stats(total),
    parse: stats(parse),
    readExistingAndMergePlan: stats(plan),
    apply: stats(apply),
    floor: stats(floor),
    ratio: Math.round((median(total) / median(floor)) * 100) / 100,
    applyOnlyRatio: Math.round((median(apply) / median(floor)) * 100) / 100,
    diagnostic: { profileKeyLookupsInChunksOf500EstimatedMs: Math.round(profileLookupMs) },
  };
}

// ------------------------------------------------------------------ 7. messages.csv parse, bounded memory

/** The 2026 messages.csv header (fully quoted; /work/shared/fixtures/linkedin-export, 2026-03_basic). */
const MESSAGES_HEADER_2026 = [
  'CONVERSATION ID',
  'CONVERSATION TITLE',
  'FROM',
  'SENDER PROFILE URL',
  'TO',
  'RECIPIENT PROFILE URLS',
  'DATE',
  'SUBJECT',
  'CONTENT',
  'FOLDER',
  'ATTACHMENTS',
];

/**
 * A messages.csv in the 2026 shape: every cell quoted, LF, newline at the end.
 * The user ("Sam Example") talks with a pool of correspondents in conversations of
 * a few messages; ~12% of CONTENT is multi-line, ~4% are group messages with 2-7
 * recipients (TO names joined by ", ", some with credentials such as "Park, CFA"),
 * ~1% sponsored InMail (empty sender URL), ~1% HTML / %FIRSTNAME% templates, ~2%
 * with emoji or accented text, a few attachments. faker seed 42.
 */
export function messagesCsv(rows = 100_000): { csv: string; shape: Record<string, number> } {
  faker.seed(42);
  const chance = (p: number) => faker.number.float({ min: 0, max: 1 }) < p;
  const int = (min: number, max: number) => faker.number.int({ min, max });
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const me = { name: 'Sam Example', url: 'https://www.linkedin.com/in/sam-example' };
  const CREDS = ['CFA', 'FRM', 'PhD', 'MBA', 'PMP'];
  const pool: Array<{ name: string; url: string }> = [];
  for (let i = 0; i < Math.max(50, Math.round(rows / 12)); i++) {
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    const name = chance(0.03) ? `${first} ${last}, ${faker.helpers.arrayElement(CREDS)}` : `${first} ${last}`;
    pool.push({ name, url: `https://www.linkedin.com/in/${slug(first)}-${slug(last)}-${faker.string.alphanumeric({ length: 8, casing: 'lower' })}` });
  }
  const shape = { rows: 0, multiLine: 0, group: 0, sponsored: 0, templated: 0, nonAscii: 0, outbound: 0, conversations: 0 };
  const lines = [MESSAGES_HEADER_2026.map(q).join(',')];
  const MAX = Date.UTC(2026, 2, 1);
  let t = Date.UTC(2016, 0, 1);
  const step = (MAX - t) / rows;
  while (shape.rows < rows) {
    shape.conversations++;
    const conv = `2-${faker.string.alphanumeric(40)}==`;
    const r = faker.number.float({ min: 0, max: 1 });
    const kind = r < 0.01 ? 'sponsored' : r < 0.05 ? 'group' : 'one';
    const members = kind === 'group' ? faker.helpers.arrayElements(pool, int(2, 7)) : [faker.helpers.arrayElement(pool)];
    const title = kind === 'group' && chance(0.5) ? faker.company.catchPhrase() : '';
    const n = kind === 'sponsored' ? 1 : Math.min(rows - shape.rows, int(1, 8));
    for (let k = 0; k < n; k++) {
      t += step * faker.number.float({ min: 0.2, max: 1.8 });
      const at = new Date(Math.min(t, MAX - 1000))
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC');
      const out = kind !== 'sponsored' && chance(0.45);
      const sender = out ? me : kind === 'sponsored' ? { name: faker.company.name(), url: '' } : faker.helpers.arrayElement(members);
      const recipients = out ? members : kind === 'group' ? [me, ...members.filter((m) => m !== sender)] : [me];
      let content = faker.lorem.sentences(int(1, 4));
      if (chance(0.12)) {
        shape.multiLine++;
        content = Array.from({ length: int(2, 5) }, () => faker.lorem.sentences(int(1, 3))).join(chance(0.5) ? '\n\n' : '\n');
      }
      if (kind === 'sponsored') {
        shape.sponsored++;
        content = `<p>Hi %FIRSTNAME%,</p><p>${faker.lorem.paragraph()}</p>`;
      } else if (chance(0.01)) {
        shape.templated++;
        content = `Hi %FIRSTNAME%, ${content}`;
      }
      if (chance(0.02)) {
        shape.nonAscii++;
        content += faker.helpers.arrayElement([' 👍', ' 🙏 grazie mille!', ' Très bien, à bientôt.', ' Schöne Grüße 😊']);
      }
      if (kind === 'group') shape.group++;
      if (out) shape.outbound++;
      const attach = chance(0.02) ? `https://www.linkedin.com/dms/prv/vid/v2/${faker.string.alphanumeric(30)}` : '';
      lines.push(
        [
          conv,
          title,
          sender.name,
          sender.url,
          recipients.map((p) => p.name).join(', '),
          recipients.map((p) => p.url).join(','),
          at,
          kind === 'sponsored' ? faker.company.buzzPhrase() : '',
          content,
          'INBOX',
          attach,
        ]
          .map(q)
          .join(','),
      );
      shape.rows++;
    }
  }
  return { csv: lines.join('\n') + '\n', shape };
}

interface MessagesState {
  bytes?: Uint8Array;
  result?: ParseResult[];
}
const msgState: MessagesState = {};

function summarize(results: ParseResult[]) {
  const r = results[0]!;
  const depth: Record<string, number> = {};
  for (const t of r.touches) depth[`${t.direction}-${t.depth}`] = (depth[`${t.direction}-${t.depth}`] ?? 0) + 1;
  const skipped: Record<string, number> = {};
  for (const s of r.skipped) skipped[s.reason] = (skipped[s.reason] ?? 0) + 1;
  return { kind: r.kind, people: r.people.length, touches: r.touches.length, skipped, touchesBy: depth };
}

export const messagesApi = {
  /** Generates the file (not timed) and keeps only its bytes. */
  prepare(rows = 100_000) {
    const g0 = performance.now();
    const { csv, shape } = messagesCsv(rows);
    msgState.bytes = new TextEncoder().encode(csv);
    const lines = csv.split('\n').length - 1;
    return {
      rows,
      bytes: msgState.bytes.byteLength,
      physicalLines: lines,
      utf16Chars: csv.length,
      shape,
      generateMs: Math.round(performance.now() - g0),
      head: csv.slice(0, 600),
    };
  },
  /**
   * The options page's parse, in this page: parseFilesHere is what /import-worker.js
   * runs for each request (the File streamed a chunk at a time: lib/import/stream.ts).
   * The result is kept (as the worker keeps it until it is posted) until release().
   */
  async parseHere() {
    const file = new File([msgState.bytes! as Uint8Array<ArrayBuffer>], 'messages.csv', { type: 'text/csv' });
    const t0 = performance.now();
    const result = await parseFilesHere({ files: [file], now: Date.now(), keepText: false });
    const ms = performance.now() - t0;
    msgState.result = result;
    return { ms: Math.round(ms * 10) / 10, ...summarize(result) };
  },
  release() {
    msgState.result = undefined;
  },
  drop() {
    msgState.bytes = undefined;
    msgState.result = undefined;
  },
  /** The same request through the shipped worker, as the options page sends it (wall time includes posting the results back). */
  async parseInWorker() {
    const file = new File([msgState.bytes! as Uint8Array<ArrayBuffer>], 'messages.csv', { type: 'text/csv' });
    const t0 = performance.now();
    const result = await parseFiles({ files: [file], now: Date.now(), keepText: false });
    const ms = performance.now() - t0;
    return { ms: Math.round(ms * 10) / 10, ...summarize(result) };
  },
};

// ------------------------------------------------------------------ entry points for the driver

let dataset: Dataset | undefined;

export const api = {
  async generate(extra: Array<{ name: string; handle: string; touches: number }>, scale = 1, notes = 0) {
    dataset = generateDataset(Math.round(30_000 * scale), Math.round(300_000 * scale), extra);
    // The search stage's 100,000 notes (the generator writes a few thousand).
    if (notes) topUpNotes(dataset.people, dataset.notes, Math.round(notes * scale));
    return {
      generateMs: Math.round(dataset.generateMs),
      mix: dataset.mix,
      people: dataset.people.length,
      touches: dataset.touches.length,
      notes: dataset.notes.length,
      now: dataset.now,
    };
  },
  floor: () => floorVsDexie(dataset!),
  async seed() {
    const r = await seedKith(dataset!);
    // Free the 300,000 generated rows before anything is timed again.
    const { now, timeZone } = dataset!;
    dataset = undefined;
    return { ...r, now, timeZone };
  },
  reachOut: (now: number, timeZone: string) => reachOut({ now, timeZone }),
  writeCost: () => writeCost(),
  importVsFloor: (scale = 1) => importVsFloor(Math.round(30_000 * scale)),
  /** The end-to-end import through the options page (bench/import-ui.ts): its CSV, floor and reset. */
  importUi: { csv: (rows: number) => connectionsCsv(rows), floor: importUiFloor, reset: resetKith },
  messages: messagesApi,
  search: searchApi,
  /** Diagnostic for the list stage: loadPeopleRows and filterPeople alone (the work behind each search keystroke). */
  async filterTimes(queries: string[], runs = 3) {
    const db = createDb('kith');
    await db.open();
    let t0 = performance.now();
    const rows = await loadPeopleRows(db);
    const loadMs = performance.now() - t0;
    db.close();
    const out: Record<string, { shown: number; median: number; max: number }> = {};
    for (const q of queries) {
      const xs: number[] = [];
      let shown = 0;
      for (let i = 0; i < runs; i++) {
        t0 = performance.now();
        shown = filterPeople(rows, { search: q, sort: 'name', archived: 'active' }, Date.now()).length;
        xs.push(performance.now() - t0);
        await tick();
      }
      out[q] = { shown, median: Math.round(median(xs) * 10) / 10, max: Math.round(Math.max(...xs) * 10) / 10 };
    }
    return { rows: rows.length, loadPeopleRowsMs: Math.round(loadMs), filterPeople: out };
  },
};

(globalThis as unknown as { __kithBench: typeof api }).__kithBench = api;
