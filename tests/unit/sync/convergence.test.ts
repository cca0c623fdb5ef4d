/**
 * Replicas converge: two or three devices make random concurrent edits and
 * deletes, stop and start, and exchange revisions in random order and batches,
 * as CouchDB replication does (revisions are copied, conflicting ones pile up as
 * leaves). Each device runs the engine's steps on them with the engine's own
 * functions: apply (resolve the leaves into one merged version, merge it with the
 * fields changed here and not pushed yet) and push (this device's version on top
 * of the replica's). Once everything has been exchanged, every device holds the
 * same data, a deleted row stays deleted, and no edit is lost: each field holds
 * the last value written to it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localVersion, mergeDocs, stable, stillPending, type Clocks, type SyncDoc, type SyncRow } from '@/lib/sync/merge';

const FIELDS = ['name', 'company', 'location', 'tags'] as const;
const ROWS = ['p1', 'p2'] as const;

interface Replica {
  /** The replica's leaf revisions per row (what replication copies). */
  leaves: Map<string, SyncDoc[]>;
  /** The device's database. */
  local: Map<string, SyncRow>;
  /** The outbox: fields changed here, not yet pushed. */
  pending: Map<string, Clocks>;
}

type Op =
  | { kind: 'edit'; r: number; row: number; field: number; value: string }
  | { kind: 'delete'; r: number; row: number }
  | { kind: 'push'; r: number }
  | { kind: 'apply'; r: number }
  | { kind: 'exchange'; from: number; to: number; rows: boolean[] }
  | { kind: 'restart'; r: number };

function apply(rep: Replica): void {
  for (const [id, leaves] of rep.leaves) {
    const resolved = mergeDocs(leaves);
    rep.leaves.set(id, [resolved]);
    const local = rep.local.get(id);
    const pending = rep.pending.get(id) ?? {};
    const merged = Object.keys(pending).length ? mergeDocs([resolved, localVersion('people', resolved, local, pending)]) : resolved;
    rep.pending.set(id, stillPending(merged, local, pending));
    rep.local.set(id, { ...merged.r });
  }
}

function push(rep: Replica): void {
  for (const [id, pending] of rep.pending) {
    if (Object.keys(pending).length === 0) continue;
    const leaves = rep.leaves.get(id);
    const base = leaves?.length ? mergeDocs(leaves) : undefined;
    const mine = localVersion('people', base, rep.local.get(id), pending);
    rep.leaves.set(id, [base ? mergeDocs([base, mine]) : mine]);
    rep.pending.set(id, {});
  }
}

function exchange(from: Replica, to: Replica, rows: boolean[]): void {
  ROWS.forEach((id, i) => {
    if (!rows[i]) return;
    const theirs = from.leaves.get(id) ?? [];
    const mine = to.leaves.get(id) ?? [];
    const all = [...mine];
    for (const d of theirs) if (!all.some((x) => stable(x) === stable(d))) all.push(d);
    if (all.length) to.leaves.set(id, all);
  });
}

const opArb = (n: number): fc.Arbitrary<Op> =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('edit' as const),
        r: fc.nat(n - 1),
        row: fc.nat(ROWS.length - 1),
        field: fc.nat(FIELDS.length - 1),
        value: fc.constantFrom('a', 'b', 'c', 'd'),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), r: fc.nat(n - 1), row: fc.nat(ROWS.length - 1) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('push' as const), r: fc.nat(n - 1) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('apply' as const), r: fc.nat(n - 1) }) },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('exchange' as const),
        from: fc.nat(n - 1),
        to: fc.nat(n - 1),
        rows: fc.array(fc.boolean(), { minLength: ROWS.length, maxLength: ROWS.length }),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const), r: fc.nat(n - 1) }) },
  );

describe('replicas converge', () => {
  it('whatever the edits, deletes, restarts and exchange order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 3 }).chain((n) => fc.tuple(fc.constant(n), fc.array(opArb(n), { maxLength: 60 }))),
        ([n, ops]) => {
          let clock = 10;
          const replicas: Replica[] = Array.from({ length: n }, () => ({ leaves: new Map(), local: new Map(), pending: new Map() }));
          // Every row starts on device 0 and reaches every device.
          for (const id of ROWS) {
            const row: SyncRow = { id, name: 'start', tags: 'none' };
            replicas[0]!.local.set(id, row);
            replicas[0]!.pending.set(id, { name: 1, tags: 1 });
          }
          push(replicas[0]!);
          for (const r of replicas.slice(1)) {
            exchange(
              replicas[0]!,
              r,
              ROWS.map(() => true),
            );
            apply(r);
          }
          const lastWrite = new Map<string, { value: unknown; at: number }>();
          const deleted = new Set<string>();
          for (const op of ops) {
            if (op.kind === 'edit' || op.kind === 'delete') {
              const rep = replicas[op.r]!;
              const id = ROWS[op.row]!;
              const row = rep.local.get(id);
              // Only a live row can be edited or deleted, as in Kith.
              if (!row || row['deletedAt'] !== undefined) continue;
              const at = ++clock;
              const pending = { ...(rep.pending.get(id) ?? {}) };
              if (op.kind === 'edit') {
                const field = FIELDS[op.field]!;
                const value = `${op.value}${at}`;
                rep.local.set(id, { ...row, [field]: value });
                pending[field] = at;
                lastWrite.set(`${id}.${field}`, { value, at });
              } else {
                rep.local.set(id, { id, name: '', deletedAt: at });
                for (const f of [...FIELDS, 'deletedAt']) pending[f] = at;
                deleted.add(id);
              }
              rep.pending.set(id, pending);
            } else if (op.kind === 'push') push(replicas[op.r]!);
            else if (op.kind === 'apply') apply(replicas[op.r]!);
            else if (op.kind === 'exchange') exchange(replicas[op.from]!, replicas[op.to]!, op.rows);
            // A restart loses nothing: the database, the outbox and the replica are all on disk.
          }
          // Everyone pushes, everything reaches everyone, everyone applies; twice.
          for (let round = 0; round < 2; round++) {
            for (const r of replicas) push(r);
            for (const a of replicas)
              for (const b of replicas)
                if (a !== b)
                  exchange(
                    a,
                    b,
                    ROWS.map(() => true),
                  );
            for (const r of replicas) apply(r);
          }
          const views = replicas.map((r) => stable(Object.fromEntries(ROWS.map((id) => [id, r.local.get(id)]))));
          expect(new Set(views).size).toBe(1);
          for (const id of ROWS) {
            const row = replicas[0]!.local.get(id)!;
            if (deleted.has(id)) {
              expect(row['deletedAt']).toBeDefined();
              expect(row['company']).toBeUndefined();
              continue;
            }
            for (const f of FIELDS) {
              const w = lastWrite.get(`${id}.${f}`);
              if (w) expect(row[f]).toBe(w.value);
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
