/**
 * Reading a .zip from its central directory, as a reader (see stream.ts): the
 * directory from the end of the file, then any entry streamed from its own offset
 * and inflated a chunk at a time by fflate's `Inflate`. Random access is what lets
 * the LinkedIn import read Profile.csv first and messages.csv twice without holding
 * either; fflate's own `Unzip` reads front to back only, and its `unzipSync` needs
 * the whole file in memory, so the directory is read here.
 *
 * A zip is untrusted input, and the limits below bound the work any zip can cause
 * by its size on disk (itself at most MAX_IMPORT_BYTES):
 * - the entry count must fit the directory's bytes (each entry takes ≥ 46), so a
 *   98-byte zip64 cannot claim four billion entries;
 * - entries may not overlap each other or the directory (the "overlapping kernel"
 *   bomb, where thousands of names inflate one compressed block);
 * - an entry may not inflate past the size it declares, and the known entries of
 *   one import may not declare more than MAX_INFLATED_BYTES in all.
 * Breaking one of these is 'unsafe-zip'; a zip that is merely damaged or cut short
 * throws ZipDataError (the caller's 'truncated-zip').
 */
import { Inflate, strFromU8 } from 'fflate';
import { ImportError, MAX_IMPORT_BYTES } from './types';
import { concat, rangePump, readFully, type Pump, type Reader } from './stream';

/**
 * All the bytes the entries of one import may declare once inflated. The largest
 * LinkedIn exports seen are a few tens of MB unpacked (messages.csv of a very
 * active account, ~30,000 connections at ~150 bytes a row); each file alone may
 * be up to MAX_IMPORT_BYTES (200 MB), and two files at that limit still fit.
 */
export const MAX_INFLATED_BYTES = 2 * MAX_IMPORT_BYTES;

/** Bytes of a central directory entry before its name. */
const CENTRAL_ENTRY_BYTES = 46;
/** Compressed bytes given to the inflater at once (each inflates to at most ~1,000 times as many). */
const MIN_INFLATE_SLICE = 1024;
const MAX_INFLATE_SLICE = 65536;
/** Bytes of a local header before its name. */
const LOCAL_HEADER_BYTES = 30;

/** An inflate error, a missing end of archive: the download was cut short (or is not a zip). */
export class ZipDataError extends Error {}

export interface ZipEntry {
  name: string;
  compression: number;
  size: number;
  originalSize: number;
  /** Offset of the local header. */
  offset: number;
  /** Where the next entry (or the directory) starts: this entry's bytes end before. */
  limit: number;
}

function unsafe(detail: string): ImportError {
  return new ImportError('unsafe-zip', detail);
}

const b2 = (d: Uint8Array, b: number) => (d[b]! | (d[b + 1]! << 8)) & 0xffff;
const b4 = (d: Uint8Array, b: number) => (d[b]! | (d[b + 1]! << 8) | (d[b + 2]! << 16) | (d[b + 3]! << 24)) >>> 0;
const b8 = (d: Uint8Array, b: number) => b4(d, b) + b4(d, b + 4) * 4294967296;

/** Bytes of the file at absolute offsets, as far as read ([base, base + bytes.length)); 0 elsewhere. */
function view(bytes: Uint8Array, base: number): Uint8Array {
  return new Proxy(bytes, {
    get(target, key) {
      if (typeof key === 'string' && /^\d+$/.test(key)) {
        const i = Number(key) - base;
        return i >= 0 && i < target.length ? target[i] : 0;
      }
      return Reflect.get(target, key) as unknown;
    },
  });
}

/**
 * The central directory, read as fflate's unzipSync reads it (end record within the
 * last 64 KiB, zip64 records), from the end of the file only, with the limits above.
 */
export function* zipDirectory(size: number): Reader<ZipEntry[]> {
  if (size < 22) throw new ZipDataError('invalid zip data');
  const tailStart = Math.max(0, size - 65559);
  const tail = yield* readFully(tailStart, size - tailStart);
  const T = view(tail, tailStart);
  let e = size - 22;
  for (; b4(T, e) !== 0x6054b50; --e) {
    if (!e || size - e > 65558) throw new ZipDataError('invalid zip data');
  }
  let c = b2(T, e + 8);
  if (!c) return [];
  let o = b4(T, e + 16);
  // The directory lies between its offset and the end record(s) after it.
  let dirEnd = e;
  let z = b4(T, e - 20) === 0x7064b50;
  if (z) {
    const ze = b4(T, e - 12);
    const rec = yield* readFully(ze, 56);
    z = b4(rec, 0) === 0x6064b50;
    if (z) {
      c = b8(rec, 32);
      o = b8(rec, 48);
      dirEnd = Math.min(dirEnd, ze);
    }
  }
  const dirStart = Math.min(o, size);
  if (c * CENTRAL_ENTRY_BYTES > dirEnd - dirStart) throw unsafe(`${c} entries claimed in a directory of ${Math.max(0, dirEnd - dirStart)} bytes`);
  const dir = view(dirStart >= tailStart ? tail.subarray(dirStart - tailStart) : yield* readFully(dirStart, size - dirStart), dirStart);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < c; ++i) {
    if (o + CENTRAL_ENTRY_BYTES > dirEnd) throw new ZipDataError('invalid zip data');
    const fnl = b2(dir, o + 28);
    const efl = b2(dir, o + 30);
    const nameBytes = new Uint8Array(fnl);
    for (let k = 0; k < fnl; k++) nameBytes[k] = dir[o + 46 + k]!;
    const name = strFromU8(nameBytes, !(b2(dir, o + 8) & 2048));
    const es = o + 46 + fnl;
    let sc = b4(dir, o + 20);
    let su = b4(dir, o + 24);
    let off = b4(dir, o + 42);
    const nsc = sc === 4294967295;
    const nsu = su === 4294967295;
    const noff = off === 4294967295;
    if (z && (nsc || nsu || noff)) {
      let found = false;
      for (let b = es; b + 4 < es + efl; b += 4 + b2(dir, b + 2)) {
        if (b2(dir, b) === 1) {
          const n1 = nsu ? 1 : 0;
          const n2 = nsc ? 1 : 0;
          sc = nsc ? b8(dir, b + 4 + 8 * n1) : sc;
          su = nsu ? b8(dir, b + 4) : su;
          off = noff ? b8(dir, b + 4 + 8 * (n1 + n2)) : off;
          found = true;
          break;
        }
      }
      if (!found) throw new ZipDataError('invalid zip data');
    }
    entries.push({ name, compression: b2(dir, o + 10), size: sc, originalSize: su, offset: off, limit: dirStart });
    o = es + efl + b2(dir, o + 32);
  }
  // Each entry's local header and data must end before the next entry starts.
  const byOffset = [...entries].sort((a, b) => a.offset - b.offset);
  byOffset.forEach((entry, i) => {
    entry.limit = byOffset[i + 1]?.offset ?? dirStart;
    if (entry.offset + LOCAL_HEADER_BYTES + entry.size > entry.limit) throw unsafe(`entry ${entry.name} overlaps the next one`);
  });
  return entries;
}

/**
 * An entry's bytes into a sink, inflated a chunk at a time (fflate's streaming
 * Inflate). Inflating past the declared size stops at once ('unsafe-zip').
 */
export function entryPump(entry: ZipEntry): Pump {
  return function* (sink) {
    const lh = yield* readFully(entry.offset, LOCAL_HEADER_BYTES);
    const start = entry.offset + LOCAL_HEADER_BYTES + b2(lh, 26) + b2(lh, 28);
    if (start + entry.size > entry.limit) throw unsafe(`entry ${entry.name} overlaps the next one`);
    const range = rangePump(start, start + entry.size);
    if (entry.compression === 0) {
      yield* range(sink);
      return;
    }
    if (entry.compression !== 8) throw new ZipDataError(`unknown compression type ${entry.compression}`);
    const out: Uint8Array[] = [];
    let left = entry.originalSize;
    let over = false;
    const inflate = new Inflate((d) => {
      if (d.length > left) over = true;
      const part = d.length > left ? d.subarray(0, left) : d;
      left -= part.length;
      if (part.length) out.push(part);
    });
    const push = (b: Uint8Array, final: boolean) => {
      // Fed a slice at a time: Inflate answers only after inflating all it is given,
      // and deflate reaches ~1000:1, so a whole read could be a gigabyte of output.
      // The slice is sized by what is left to inflate: an entry that lies about its
      // size is caught after ~1 MB more than it declared, not after its whole stream.
      for (let at = 0, step = 0; at < b.length || (at === 0 && final); at += step) {
        step = Math.min(MAX_INFLATE_SLICE, Math.max(MIN_INFLATE_SLICE, Math.floor(left / 1024)));
        const end = Math.min(b.length, at + step);
        try {
          inflate.push(b.subarray(at, end), final && end === b.length);
        } catch (err) {
          throw new ZipDataError(err instanceof Error ? err.message : String(err));
        }
        if (over) throw unsafe(`entry ${entry.name} inflates past its declared ${entry.originalSize} bytes`);
        for (const part of out.splice(0)) sink.write(part);
      }
    };
    // The last chunk is pushed as final: fflate's streaming Inflate does not notice a
    // cut-short stream when the final push brings no bytes.
    let last: Uint8Array | undefined;
    yield* range({
      get done() {
        return sink.done === true;
      },
      write(b) {
        if (last) push(last, false);
        last = b;
      },
      end() {
        if (!sink.done) push(last ?? new Uint8Array(0), true);
        sink.end();
      },
    });
  };
}

/** An entry's bytes, whole. */
export function* readEntry(entry: ZipEntry): Reader<Uint8Array> {
  const parts: Uint8Array[] = [];
  let n = 0;
  yield* entryPump(entry)({
    write(b) {
      parts.push(b);
      n += b.length;
    },
    end() {},
  });
  return concat(parts, n);
}

/** Inflates an entry to its end, keeping nothing: is it whole? */
export function* checkEntry(entry: ZipEntry): Reader<void> {
  yield* entryPump(entry)({ write() {}, end() {} });
}

/** Refuses entries that together declare more than MAX_INFLATED_BYTES. */
export function checkInflatedTotal(entries: readonly ZipEntry[]): void {
  const total = entries.reduce((n, f) => n + f.originalSize, 0);
  if (total > MAX_INFLATED_BYTES) throw unsafe(`entries declare ${total} bytes`);
}
