/**
 * Zips built to exhaust the reader: each must end fast with a clear error code,
 * never inflate without bound.
 */
import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { ImportError, detectAndParse, parseLinkedInZip } from '@/lib/import';
import { NOW, fixtureText, realHeader } from './helpers';

const u16 = (v: number) => [v & 0xff, (v >>> 8) & 0xff];
const u32 = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
const u64 = (v: number) => [...u32(v % 4294967296), ...u32(Math.floor(v / 4294967296))];

interface Entry {
  name: string;
  method: number;
  crc: number;
  csize: number;
  usize: number;
  offset: number;
}

function centralEntry(e: Entry): number[] {
  const name = [...strToU8(e.name)];
  return [
    ...u32(0x02014b50),
    ...u16(20),
    ...u16(20),
    ...u16(0),
    ...u16(e.method),
    ...u16(0),
    ...u16(0),
    ...u32(e.crc),
    ...u32(e.csize),
    ...u32(e.usize),
    ...u16(name.length),
    ...u16(0),
    ...u16(0),
    ...u16(0),
    ...u16(0),
    ...u32(0),
    ...u32(e.offset),
    ...name,
  ];
}

function endRecord(count: number, dirSize: number, dirOffset: number): number[] {
  return [...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(count), ...u16(count), ...u32(dirSize), ...u32(dirOffset), ...u16(0)];
}

/** A local header and its data, as zipSync wrote them, plus what its central entry says. */
function oneEntry(name: string, data: Uint8Array): { local: Uint8Array; entry: Entry } {
  const z = zipSync({ [name]: data }, { level: 6 });
  const dv = new DataView(z.buffer, z.byteOffset, z.byteLength);
  const eocd = z.length - 22;
  const dir = dv.getUint32(eocd + 16, true);
  const entry: Entry = {
    name,
    method: dv.getUint16(dir + 10, true),
    crc: dv.getUint32(dir + 16, true),
    csize: dv.getUint32(dir + 20, true),
    usize: dv.getUint32(dir + 24, true),
    offset: 0,
  };
  return { local: z.subarray(0, dir), entry };
}

function assemble(local: Uint8Array, entries: Entry[]): Uint8Array {
  const dir = entries.flatMap(centralEntry);
  return new Uint8Array([...local, ...dir, ...endRecord(Math.min(entries.length, 0xffff), dir.length, local.length)]);
}

function outcome(f: () => unknown): { code: string; ms: number } {
  const t0 = performance.now();
  try {
    f();
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    return { code: e.code, ms: performance.now() - t0 };
  }
  return { code: 'none', ms: performance.now() - t0 };
}

const connections = () => strToU8(realHeader('2024-12_complete', 'Connections') + fixtureText('synthetic/connections-2024.rows.csv'));

describe('zip bombs', () => {
  it('a 98-byte zip64 claiming a million entries (or four billion) is refused at once', () => {
    const bomb = (count: number) => {
      const rec = [...u32(0x06064b50), ...u64(44), ...u16(45), ...u16(45), ...u32(0), ...u32(0), ...u64(count), ...u64(count), ...u64(0), ...u64(0)];
      const locator = [...u32(0x07064b50), ...u32(0), ...u64(0), ...u32(1)];
      return new Uint8Array([...rec, ...locator, ...endRecord(0xffff, 0xffffffff, 0xffffffff)]);
    };
    expect(bomb(1_000_000).length).toBe(98);
    for (const count of [1_000_000, 0xffffffff]) {
      const r = outcome(() => detectAndParse('export.zip', bomb(count), { now: NOW }));
      expect(r.code).toBe('unsafe-zip');
      expect(r.ms).toBeLessThan(2000);
    }
  });

  it('a zip whose entries overlap (every entry the same inflating kernel) is refused before inflating them', () => {
    const kernel = new Uint8Array(4 << 20).fill(0x20);
    kernel.set(connections());
    const { local, entry } = oneEntry('Connections.csv', kernel);
    const entries = Array.from({ length: 500 }, (_, i) => ({ ...entry, name: `Export/${String(i).padStart(3, '0')}/Connections.csv` }));
    const r = outcome(() => parseLinkedInZip(assemble(local, entries), { now: NOW }));
    expect(r.code).toBe('unsafe-zip');
    expect(r.ms).toBeLessThan(2000);
    // Known files sharing one local header (each name a different file) are refused too.
    const three = ['Connections.csv', 'messages.csv', 'Invitations.csv'].map((name) => ({ ...entry, name }));
    expect(outcome(() => parseLinkedInZip(assemble(local, three), { now: NOW })).code).toBe('unsafe-zip');
  });

  it('an entry that inflates past the size it declares is stopped, not inflated to its end', () => {
    const head = connections();
    const data = new Uint8Array(head.length + (96 << 20)).fill(0x0a);
    data.set(head);
    const { local, entry } = oneEntry('Connections.csv', data);
    expect(entry.usize / entry.csize).toBeGreaterThan(500);
    const r = outcome(() => parseLinkedInZip(assemble(local, [{ ...entry, usize: head.length }]), { now: NOW }));
    expect(r.code).toBe('unsafe-zip');
    expect(r.ms).toBeLessThan(2000);
  });

  it('known files that would inflate to more than the overall cap are refused before inflating', () => {
    const { local, entry } = oneEntry('Connections.csv', connections());
    // Three files at 190 MB each: every one under the per-file limit, together far above any export.
    const entries = ['Connections.csv', 'messages.csv', 'Invitations.csv'].map((name, i) => ({
      ...entry,
      name,
      usize: 190 << 20,
      offset: i === 0 ? 0 : entry.offset,
    }));
    const spaced = new Uint8Array([...local, ...local, ...local]);
    entries[1]!.offset = local.length;
    entries[2]!.offset = 2 * local.length;
    const r = outcome(() => parseLinkedInZip(assemble(spaced, entries), { now: NOW }));
    expect(r.code).toBe('unsafe-zip');
    expect(r.ms).toBeLessThan(2000);
  });

  it('a well-formed zip built the same way still imports', () => {
    const { local, entry } = oneEntry('Connections.csv', connections());
    const rs = parseLinkedInZip(assemble(local, [entry]), { now: NOW });
    expect(rs.map((r) => r.kind)).toEqual(['linkedin-connections']);
    expect(rs[0]!.people.length).toBeGreaterThan(3);
  });
});
