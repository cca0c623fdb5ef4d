/**
 * Every schema version Kith has ever shipped, kept forever (Dexie needs the old
 * definitions to upgrade an old database, and the upgrade tests open a database
 * made by each of them). Pure data: no Dexie import here.
 *
 * To add version N+1: append an entry, never edit an old one; give it an
 * `upgrade` in `db.ts` if rows must change; add a saved database of version N to
 * the upgrade test.
 */
export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      // Indexed summary fields make the reach-out list and the people list range
      // queries; rows without a dueAt are not in that index at all.
      people: 'id, name, archived, circleId, *tags, updatedAt, summary.dueAt, summary.rekindleAt, summary.birthdayKey, summary.lastPersonalAt',
      // `key` is `${site}:${handle}`: one person per profile on a site.
      profiles: 'id, &key, personId, site',
      // `sourceKey` makes imports idempotent: a row imported twice is refused.
      touches: 'id, personId, [personId+at], at, &sourceKey',
      notes: 'id, personId, [personId+kind]',
      // Small key/value rows Kith keeps for itself (digest bookkeeping, nudge counters).
      meta: 'key',
    },
  },
  {
    version: 2,
    stores: {
      // Derived from people (lib/db/reach-buckets.ts): the due people and the
      // rekindle candidates, one row per 30 days of `summary.dueAt` /
      // `summary.rekindleAt`; the reach-out list reads a few dozen rows instead of
      // a thousand values. Built by the upgrade, then kept by a middleware in
      // every people write's own transaction.
      dueBuckets: 'key',
      rekindleBuckets: 'key',
    },
  },
  {
    version: 3,
    stores: {
      // The rows a replace-restore replaced, kept until the user keeps the restore
      // or undoes it (lib/db/writes/restore.ts). One row, `id` 'last'.
      restoreUndo: 'id',
    },
  },
  {
    version: 4,
    stores: {
      // Sync's outbox (lib/db/writes/outbox.ts): one row per synced row changed
      // here and not yet pushed, `key` = `${table}:${id}`, written in the same
      // transaction as the change. The row `!on` says whether sync records at all.
      syncOutbox: 'key',
    },
  },
  {
    version: 5,
    stores: {
      // `updatedAt` on every table of the user's rows: the search index
      // (lib/search) catches up with what changed since it last looked, whichever
      // page or worker wrote it, with one range read per table.
      profiles: 'id, &key, personId, site, updatedAt',
      touches: 'id, personId, [personId+at], at, &sourceKey, updatedAt',
      notes: 'id, personId, [personId+kind], updatedAt',
    },
  },
  {
    version: 6,
    stores: {
      // Fewer index entries per touch, the most numerous row (a joining device
      // writes hundreds of thousands): `personId` alone repeated the first half of
      // `[personId+at]`, which finds a person's touches the same way
      // (lib/db/touch-ranges.ts), and nothing looked touches up by `at` alone.
      touches: 'id, [personId+at], &sourceKey, updatedAt',
    },
  },
];

export const CURRENT_SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;
export const DB_NAME = 'kith';
