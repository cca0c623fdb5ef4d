import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT_VERSION, BackupError, looksTruncated, parseBackup, serializeBackup, type BackupErrorCode } from '@/lib/backup/format';
import { person, sample } from './fixtures';

const SCHEMA = 1;

function code(fn: () => unknown): BackupErrorCode | 'no-error' | 'other-error' {
  try {
    fn();
    return 'no-error';
  } catch (e) {
    return e instanceof BackupError ? e.code : 'other-error';
  }
}

/** The sample as a plain object, to edit before serialising by hand. */
function sampleObject(): Record<string, unknown> {
  return JSON.parse(serializeBackup(sample())) as Record<string, unknown>;
}

describe('serializeBackup', () => {
  it('round-trips through parseBackup', () => {
    const text = serializeBackup(sample());
    const back = parseBackup(text, SCHEMA);
    expect(serializeBackup(back)).toBe(text);
    expect(back.tables.people.map((p) => p.id)).toEqual(['p1', 'p2']);
    expect(back.tables.people[1]?.birthday).toEqual({ month: 2, day: 29 });
  });

  it('does not depend on row order or key order', () => {
    const a = sample();
    const b = sample();
    b.tables.people.reverse();
    const p = b.tables.people[0];
    if (!p) throw new Error('fixture');
    // the same row with its keys inserted in another order
    b.tables.people[0] = Object.fromEntries(Object.entries(p).reverse()) as typeof p;
    b.settings = { theme: 'dark', version: 1 };
    expect(serializeBackup(b)).toBe(serializeBackup(a));
  });

  it('starts with the format, drops undefined fields and sorts rows by code unit', () => {
    const d = sample();
    d.tables.people = [person('b'), person('B', { headline: undefined }), person('a')];
    const text = serializeBackup(d);
    expect(text.startsWith('{"format":"kith-backup","version":1,')).toBe(true);
    expect(text).not.toContain('headline');
    expect(parseBackup(text, SCHEMA).tables.people.map((p) => p.id)).toEqual(['B', 'a', 'b']);
  });

  it('keeps a "__proto__" key in settings as data', () => {
    const d = sample();
    d.settings = JSON.parse('{"__proto__":{"x":1},"a":2}');
    const text = serializeBackup(d);
    expect(text).toContain('"__proto__":{"x":1}');
    expect(serializeBackup(parseBackup(text, SCHEMA))).toBe(text);
  });

  it('keeps fields it does not know (nothing lost)', () => {
    const obj = sampleObject();
    const tables = obj['tables'] as { people: Record<string, unknown>[] };
    tables.people[0]!['pronouns'] = 'she/her';
    const text = JSON.stringify(obj);
    const back = parseBackup(text, SCHEMA);
    expect((back.tables.people[0] as unknown as Record<string, unknown>)['pronouns']).toBe('she/her');
    expect(serializeBackup(back)).toContain('"pronouns":"she/her"');
  });
});

describe('parseBackup errors', () => {
  const good = serializeBackup(sample());
  const edit = (f: (o: Record<string, unknown>) => void): string => {
    const o = sampleObject();
    f(o);
    return JSON.stringify(o);
  };
  const firstPerson = (o: Record<string, unknown>) => (o['tables'] as { people: Record<string, unknown>[] }).people[0]!;

  it.each<[string, string, BackupErrorCode | 'no-error']>([
    ['empty file', '', 'not-backup'],
    ['plain text', 'hello', 'not-backup'],
    ['a CSV', 'First Name,Last Name\nMarta,Rossi', 'not-backup'],
    ['a JSON array', '[1,2]', 'not-backup'],
    ['another JSON document', '{"name":"x"}', 'not-backup'],
    ['an encrypted envelope (decrypt first)', '{"format":"kith-backup-encrypted","version":1}', 'not-backup'],
    ['cut in half', good.slice(0, Math.floor(good.length / 2)), 'truncated'],
    ['cut inside a string', good.slice(0, good.indexOf('Marta') + 2), 'truncated'],
    ['broken JSON', good.replace('"tables":', '"tables"'), 'corrupt'],
    ['a byte-order mark is fine', `\uFEFF${good}`, 'no-error'],
    ['surrounding whitespace is fine', `\n ${good} \n`, 'no-error'],
    ['newer format version', edit((o) => (o['version'] = BACKUP_FORMAT_VERSION + 1)), 'newer-version'],
    ['newer format with a different shape', '{"format":"kith-backup","version":2,"rows":[]}', 'newer-version'],
    ['newer database schema', edit((o) => (o['schemaVersion'] = SCHEMA + 1)), 'newer-version'],
    ['version not a number', edit((o) => (o['version'] = '1')), 'corrupt'],
    ['tables missing', edit((o) => delete o['tables']), 'corrupt'],
    ['a person without a name', edit((o) => delete firstPerson(o)['name']), 'corrupt'],
    ['archived = true', edit((o) => (firstPerson(o)['archived'] = true)), 'corrupt'],
    ['birthday month 13', edit((o) => (firstPerson(o)['birthday'] = { month: 13, day: 1 })), 'corrupt'],
    ['null for an optional field', edit((o) => (firstPerson(o)['headline'] = null)), 'corrupt'],
    [
      'an unknown channel',
      edit((o) => {
        (o['tables'] as { touches: Record<string, unknown>[] }).touches[0]!['channel'] = 'carrier-pigeon';
      }),
      'corrupt',
    ],
    [
      'duplicate ids',
      edit((o) => {
        const t = o['tables'] as { people: Record<string, unknown>[] };
        t.people.push({ ...t.people[0]! });
      }),
      'corrupt',
    ],
  ])('%s -> %s', (_label, text, expected) => {
    expect(code(() => parseBackup(text, SCHEMA))).toBe(expected);
  });

  it('says where a row is wrong, in detail only', () => {
    try {
      parseBackup(
        edit((o) => (firstPerson(o)['archived'] = 2)),
        SCHEMA,
      );
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(BackupError);
      expect((e as BackupError).detail).toMatch(/^tables\.people\[0\]\.archived/);
    }
  });
});

describe('looksTruncated', () => {
  it.each([
    ['{"a":1}', false],
    ['{"a":1', true],
    ['{"a":"}', true],
    ['{"a":"\\"}"}', false],
    ['{"a":[1,{"b":"[{"}]}', false],
    ['{"a":}', false],
  ])('%s -> %s', (text, expected) => {
    expect(looksTruncated(text)).toBe(expected);
  });
});
