/**
 * Every write to people, profiles, touches, notes and the nudge mutes goes
 * through the write module (`lib/db/writes/`): that is where `userEdited`,
 * `updatedAt`, liveness and summaries are kept right, and where a sync outbox
 * hooks in. This test reads the source tree (lib/, components/, entrypoints/)
 * with the TypeScript parser and fails when any other module calls one of
 * Dexie's write methods on those tables.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as touchRanges from '@/lib/db/touch-ranges';

const ROOT = join(__dirname, '../../..');
const SCANNED = ['lib', 'components', 'entrypoints'];

/** Dexie's write methods (Table and Collection), and DBCore's one (`mutate`). */
const WRITE_METHODS = new Set(['add', 'bulkAdd', 'put', 'bulkPut', 'update', 'bulkUpdate', 'modify', 'delete', 'bulkDelete', 'clear']);
/** The user's data, and the reach buckets derived from people. */
const GUARDED_TABLES = new Set(['people', 'profiles', 'touches', 'notes', 'dueBuckets', 'rekindleBuckets', 'restoreUndo']);
/** Removing `meta` rows could remove the mutes row; putting other keys (device bookkeeping) is fine. */
const META_REMOVALS = new Set(['delete', 'bulkDelete', 'clear']);
/** The `meta` row of the people muted for nudges (`NUDGE_MUTES_KEY`). */
const MUTES_KEY = 'nudge:mutes';

/** The write module itself. */
const WRITE_MODULE = 'lib/db/writes/';

/** Modules that may write those tables without going through the write module, and why. */
const EXCEPTIONS: Record<string, string> = {
  'lib/db/db.ts': 'schema upgrades: Dexie runs them in the upgrade transaction, before any write operation can run (they build the reach buckets from people)',
  'lib/db/reach-buckets.ts':
    "the reach-bucket middleware: it passes every people write down (DBCore `mutate`) and writes the buckets in that write's own transaction",
};
/** Modules that may name the mutes row's key: the write module's reader. */
const MUTES_KEY_READERS: Record<string, string> = {
  'lib/db/read.ts': 'defines the key and reads the muted people (readMutedPeople)',
};

export interface Violation {
  file: string;
  line: number;
  text: string;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const stringArg = (call: ts.CallExpression) => {
  const a = call.arguments[0];
  return a && ts.isStringLiteralLike(a) ? a.text : undefined;
};

/**
 * Functions that hand out a collection of a table: each export of lib/db/touch-ranges.ts. Their table is the
 * literal second argument when there is one (`rowsOfPeople(db, 'notes', lo, hi)`), else touches
 * (`touchesOfPerson(db, id)`, or a table the scan cannot tell: still a table of the user's rows).
 */
const TABLE_HELPERS = new Set(Object.keys(touchRanges));

/**
 * The table a receiver expression ends at, if any: `db.people`, `tx.table('people')`,
 * a `where(...)...` chain on them, a helper's collection of one, or a variable holding
 * one of those.
 */
function tableOf(e: ts.Expression, aliases: Map<string, string>): string | undefined {
  for (;;) {
    if (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isAsExpression(e)) e = e.expression;
    else if (ts.isAwaitExpression(e)) e = e.expression;
    else if (ts.isCallExpression(e)) {
      const callee = e.expression;
      if (ts.isIdentifier(callee) && TABLE_HELPERS.has(callee.text)) {
        const table = e.arguments[1];
        return table && ts.isStringLiteralLike(table) ? table.text : 'touches';
      }
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'table') {
        const name = stringArg(e);
        if (name !== undefined) return name;
      }
      if (!ts.isPropertyAccessExpression(callee)) return undefined;
      e = callee.expression;
    } else if (ts.isPropertyAccessExpression(e)) {
      if (GUARDED_TABLES.has(e.name.text) || e.name.text === 'meta') return e.name.text;
      e = e.expression;
    } else if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) {
      return e.argumentExpression.text;
    } else if (ts.isIdentifier(e)) return aliases.get(e.text);
    else return undefined;
  }
}

/** The violations in one module's source text (`file` is its path from the repository root). */
export function scanSource(file: string, text: string): Violation[] {
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: Violation[] = [];
  const aliases = new Map<string, string>();
  const at = (node: ts.Node) => {
    const { line } = src.getLineAndCharacterOfPosition(node.getStart(src));
    out.push({ file, line: line + 1, text: node.getText(src).split('\n')[0]!.slice(0, 160) });
  };
  const visit = (node: ts.Node) => {
    // `const people = tx.table('people')` and the like: later calls on `people` are calls on the table.
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const table = tableOf(node.initializer, aliases);
      if (table !== undefined) aliases.set(node.name.text, table);
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      if (method === 'mutate') at(node);
      else if (WRITE_METHODS.has(method)) {
        const table = tableOf(node.expression.expression, aliases);
        if (table !== undefined && (GUARDED_TABLES.has(table) || (table === 'meta' && META_REMOVALS.has(method)))) at(node);
      }
    }
    if ((ts.isStringLiteralLike(node) && node.text === MUTES_KEY) || (ts.isIdentifier(node) && node.text === 'NUDGE_MUTES_KEY')) at(node);
    ts.forEachChild(node, visit);
  };
  visit(src);
  return out;
}

function allowed(file: string, v: Violation): boolean {
  if (file.startsWith(WRITE_MODULE)) return true;
  if (file in MUTES_KEY_READERS && (v.text.includes(MUTES_KEY) || v.text.includes('NUDGE_MUTES_KEY'))) return true;
  return file in EXCEPTIONS;
}

function scanTree(): Violation[] {
  const out: Violation[] = [];
  for (const dir of SCANNED) {
    for (const path of sourceFiles(join(ROOT, dir))) {
      const file = relative(ROOT, path).split(sep).join('/');
      out.push(...scanSource(file, readFileSync(path, 'utf8')).filter((v) => !allowed(file, v)));
    }
  }
  return out;
}

describe('one write path', () => {
  it('no module outside lib/db/writes writes people, profiles, touches, notes, the mutes or the reach buckets', () => {
    const found = scanTree().map((v) => `${v.file}:${v.line}  ${v.text}`);
    expect(found, 'write these through an operation of lib/db/writes (add one there if none fits)').toEqual([]);
  });

  it('the exceptions are real files that still need to be exceptions', () => {
    for (const file of [...Object.keys(EXCEPTIONS), ...Object.keys(MUTES_KEY_READERS)]) {
      expect(scanSource(file, readFileSync(join(ROOT, file), 'utf8')).length, file).toBeGreaterThan(0);
    }
  });

  it('the write module does write (the scan sees its writes)', () => {
    const files = sourceFiles(join(ROOT, WRITE_MODULE));
    const writes = files.flatMap((p) => scanSource(relative(ROOT, p), readFileSync(p, 'utf8')));
    expect(writes.length).toBeGreaterThan(20);
  });

  it('finds every shape of write: on a table, through where(), through table(name), an alias, DBCore, a meta clear, the mutes key', () => {
    const planted = [
      'await db.people.put(p);',
      "await db.touches.where('personId').equals(id).modify({ personId: other });",
      'await touchesOfPerson(db, id).modify({ personId: other });',
      "await rowsOfPeople(db, 'notes', lo, hi).delete();",
      "await tx.table('notes').bulkDelete(ids);",
      'const profiles = db.profiles; await profiles.bulkAdd(rows);',
      'await getDb().people.update(id, { company: undefined });',
      "check(await table.mutate({ type: 'put', trans, values }));",
      'await db.meta.clear();',
      "await db.meta.put({ key: 'nudge:mutes', value: { people: [] } });",
      'await db.dueBuckets.bulkPut(rows);',
    ];
    for (const line of planted) expect(scanSource('components/Planted.tsx', line), line).toHaveLength(1);
  });

  it('leaves reads and the device bookkeeping alone', () => {
    const fine = [
      'await db.people.get(id);',
      "await db.touches.where('personId').equals(id).toArray();",
      'await touchesOfPeople(db, lo, hi).toArray();',
      'await rowsAfterPerson(db, table, after).limit(BATCH).toArray();',
      'const people = new Set<string>(); people.add(id); people.delete(id);',
      "await db.meta.put({ key: 'lastDigestDay', value: day });",
      'await browser.contextMenus.update(MENU, { title });',
      'seen.clear();',
    ];
    for (const line of fine) expect(scanSource('lib/background/Fine.ts', line), line).toEqual([]);
  });
});
