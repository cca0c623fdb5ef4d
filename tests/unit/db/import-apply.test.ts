import { afterEach, describe, expect, it } from 'vitest';
import type { KithDB } from '@/lib/db/db';
import { applyImport, ImportCancelled, editPerson, editPersonByImport, addPerson } from '@/lib/db/writes';
import { readExisting } from '@/lib/db/read';
import { StorageError } from '@/lib/db/errors';
import { detectAndParse } from '@/lib/import/detect';
import { mergePlan } from '@/lib/import/merge';
import { linkedInZip } from '@/tests/fixtures/e2e/linkedin-zip';
import { ctxAt, freshDb, NOW } from './helpers';

let db: KithDB;
afterEach(async () => {
  await db?.delete();
});

const parse = () => detectAndParse('Basic_LinkedInDataExport.zip', linkedInZip(), { now: NOW });

async function importOnce(opts: Parameters<typeof applyImport>[3] = {}) {
  const plan = mergePlan(await readExisting(db), parse());
  return { plan, report: await applyImport(db, plan, ctxAt(), opts) };
}

async function dump() {
  const [people, profiles, touches, notes] = await Promise.all([db.people.toArray(), db.profiles.toArray(), db.touches.toArray(), db.notes.toArray()]);
  return { people, profiles, touches, notes };
}

describe('applying an import plan', () => {
  it('creates people, profiles and touches, with summaries computed in the same write', async () => {
    db = freshDb();
    const { report } = await importOnce();
    expect(report).toMatchObject({ created: 3, updated: 0, touches: 3 });
    const ada = (await db.people.toArray()).find((p) => p.name === 'Ada Lovelace')!;
    expect(ada.company).toBe('Analytical Engines');
    expect(ada.emails).toEqual(['ada@example.org']);
    expect(ada.summary.lastPersonalAt).toBe(Date.UTC(2026, 1, 11, 9, 15));
    expect(ada.summary.personalTotal).toBe(2);
    expect(await db.profiles.where('key').equals('linkedin:ada-lovelace-e2e').count()).toBe(1);
    expect((await db.touches.toArray()).every((t) => t.source === 'import' && t.sourceKey)).toBe(true);
  });

  it('is idempotent: a second import of the same file plans and changes nothing', async () => {
    db = freshDb();
    await importOnce();
    const before = await dump();
    const { plan, report } = await importOnce();
    expect(plan.counts).toMatchObject({ new: 0, updated: 0, touches: 0, duplicateTouches: 3 });
    expect(report).toMatchObject({ created: 0, updated: 0, touches: 0 });
    expect(await dump()).toEqual(before);
  });

  it('never overwrites what the user typed, and fills only empty fields', async () => {
    db = freshDb();
    const p = await addPerson(db, { name: 'Ada L.', identity: { site: 'linkedin', handle: 'ada-lovelace-e2e', url: '' } }, ctxAt());
    // The user typed a company and the one e-mail address they want for Ada.
    await editPerson(db, p.id, { company: 'My own words', emails: ['ada.private@example.org'] }, ctxAt());
    const { report } = await importOnce();
    expect(report.created).toBe(2);
    const ada = (await db.people.get(p.id))!;
    expect(ada.name).toBe('Ada L.');
    expect(ada.company).toBe('My own words');
    expect(ada.emails).toEqual(['ada.private@example.org']);
    expect(ada.headline).toBe('Mathematician');
    expect(ada.summary.personalTotal).toBe(2);
  });

  it('keeps a change made between the preview and the apply', async () => {
    db = freshDb();
    const p = await addPerson(db, { name: 'Ada', identity: { site: 'linkedin', handle: 'ada-lovelace-e2e', url: '' } }, ctxAt());
    const plan = mergePlan(await readExisting(db), parse());
    await db.people.update(p.id, { company: 'Typed meanwhile' });
    await applyImport(db, plan, ctxAt());
    expect((await db.people.get(p.id))!.company).toBe('Typed meanwhile');
  });

  it('reports progress in chunks, up to the total', async () => {
    db = freshDb();
    const seen: number[] = [];
    let total = 0;
    await importOnce({
      chunkSize: 1,
      onProgress: (p) => {
        seen.push(p.done);
        total = p.total;
      },
    });
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.at(-1)).toBe(total);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it.each([
    ['an error in the middle', () => new Error('boom'), Error],
    ['a full disk', () => new DOMException('The quota has been exceeded.', 'QuotaExceededError'), StorageError],
  ])('leaves every table exactly as it was after %s', async (_what, make, type) => {
    db = freshDb();
    await addPerson(db, { name: 'Someone already here', identity: { site: 'linkedin', handle: 'someone', url: '' } }, ctxAt());
    const before = await dump();
    let calls = 0;
    const run = importOnce({
      chunkSize: 1,
      onProgress: () => {
        if (++calls === 3) throw make();
      },
    });
    await expect(run).rejects.toBeInstanceOf(type);
    if (type === StorageError) await expect(run).rejects.toMatchObject({ code: 'quota' });
    expect(await dump()).toEqual(before);
  });

  it('cancelling rolls everything back', async () => {
    db = freshDb();
    const ctrl = new AbortController();
    let calls = 0;
    await expect(
      importOnce({
        chunkSize: 1,
        signal: ctrl.signal,
        onProgress: () => {
          if (++calls === 2) ctrl.abort();
        },
      }),
    ).rejects.toBeInstanceOf(ImportCancelled);
    expect(await db.people.count()).toBe(0);
    expect(await db.touches.count()).toBe(0);
    expect(await db.profiles.count()).toBe(0);
  });

  it('re-imports a person deleted before: the old tombstoned profile key does not block it', async () => {
    db = freshDb();
    await importOnce();
    const ada = (await db.people.toArray()).find((p) => p.name === 'Ada Lovelace')!;
    const { deletePeople } = await import('@/lib/db/writes');
    await deletePeople(db, [ada.id], ctxAt());
    const { report } = await importOnce();
    expect(report.created).toBe(1);
    const live = (await db.people.toArray()).filter((p) => !p.deletedAt);
    expect(live.map((p) => p.name).sort()).toEqual(['Ada Lovelace', 'Alan Turing', 'Grace Hopper']);
  });
});

describe('an edit by an import, for one person', () => {
  it('fills only what is empty and was never edited by the user, and adds e-mails not there yet', async () => {
    db = freshDb();
    const p = await addPerson(db, { name: 'Ada' }, ctxAt());
    await editPerson(db, p.id, { company: 'Typed by hand', phones: [], headline: 'Mine' }, ctxAt());
    await editPerson(db, p.id, { headline: undefined }, ctxAt());
    const after = await editPersonByImport(
      db,
      p.id,
      { company: 'Imported Ltd', headline: 'Imported headline', howWeMet: 'Imported meeting', emails: ['ada@example.org'] },
      ctxAt(NOW + 1),
    );
    expect(after).toMatchObject({ company: 'Typed by hand', howWeMet: 'Imported meeting', emails: ['ada@example.org'], updatedAt: NOW + 1 });
    // Cleared by the user: stays empty.
    expect(after!.headline).toBeUndefined();
  });
});
