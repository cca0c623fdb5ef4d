/**
 * Streamed reading of import files: bytes come in chunks, are decoded by a
 * streaming TextDecoder and fed to papaparse's incremental parser, so that only the
 * rows' products accumulate, never the whole text or the whole array of rows.
 *
 * The file-level logic is written once, as generators that ask for byte ranges
 * (`yield { offset, length }`) and get back at least one byte of it (a short read is
 * allowed; an empty answer means end of file). `runSync` answers from a Uint8Array
 * (the sync API and the tests, which may answer with arbitrary short reads);
 * `runAsync` answers from a Blob, a chunk at a time (the worker).
 *
 * Every stage reproduces the whole-text behaviour exactly (same encoding sniffing,
 * same BOM stripping, same binary check, same header search, same papaparse rows):
 * the unit tests compare any chunking with reading the file whole.
 */
import Papa from 'papaparse';
import { ImportError } from './types';
import { decodeCp1252, looksBinaryText, normHeader, nulShares } from './text';

// ---------------------------------------------------------------- reads

export interface ReadReq {
  offset: number;
  length: number;
}
/** Announces how many more bytes the generator expects to read (for progress). */
export interface PlanReq {
  plan: number;
}
export type Reader<T> = Generator<ReadReq | PlanReq, T, Uint8Array>;

/** Bytes per read in the worker. */
export const READ_CHUNK = 1 << 20;

/** Reads [offset, offset + length) whole (several short reads if need be); shorter at end of file. */
export function* readFully(offset: number, length: number): Reader<Uint8Array> {
  const parts: Uint8Array[] = [];
  let got = 0;
  while (got < length) {
    const b = yield { offset: offset + got, length: length - got };
    if (b.length === 0) break;
    parts.push(b);
    got += b.length;
  }
  return concat(parts, got);
}

/**
 * Answers a reader from bytes in memory. `split(offset, wanted)` may give fewer
 * bytes than asked (at least 1), to test chunk boundaries.
 */
export function runSync<T>(gen: Reader<T>, bytes: Uint8Array, split?: (offset: number, wanted: number) => number): T {
  let step = gen.next();
  while (!step.done) {
    const req = step.value;
    if ('plan' in req) {
      step = gen.next(new Uint8Array(0));
      continue;
    }
    const start = Math.min(req.offset, bytes.length);
    let n = Math.min(req.length, bytes.length - start);
    if (split && n > 1) n = Math.max(1, Math.min(n, split(start, n)));
    step = gen.next(bytes.subarray(start, start + n));
  }
  return step.value;
}

export interface AsyncRunOptions {
  /** Bytes read so far and bytes expected in all. */
  onProgress?: (read: number, total: number) => void;
  signal?: AbortSignal;
  chunk?: number;
}

/** Answers a reader from a Blob, one chunk at a time. */
export async function runAsync<T>(gen: Reader<T>, blob: Blob, o: AsyncRunOptions = {}): Promise<T> {
  const chunk = o.chunk ?? READ_CHUNK;
  let total = blob.size;
  let read = 0;
  let step = gen.next();
  while (!step.done) {
    const req = step.value;
    if ('plan' in req) {
      total = Math.max(1, read + req.plan);
      step = gen.next(new Uint8Array(0));
      continue;
    }
    o.signal?.throwIfAborted();
    const start = Math.min(req.offset, blob.size);
    const end = Math.min(blob.size, start + Math.min(req.length, chunk));
    const b = end > start ? new Uint8Array(await blob.slice(start, end).arrayBuffer()) : new Uint8Array(0);
    read += b.length;
    o.onProgress?.(Math.min(read, total), total);
    step = gen.next(b);
  }
  o.onProgress?.(read, read);
  return step.value;
}

// ---------------------------------------------------------------- sinks

export interface ByteSink {
  write(b: Uint8Array): void;
  end(): void;
  /** Set when the sink needs no more bytes (a sniff that has seen enough). */
  readonly done?: boolean;
}

export interface TextSink {
  write(s: string): void;
  end(): void;
  readonly done?: boolean;
}

/** A re-openable byte stream (a file, an entry of a zip). */
export type Pump = (sink: ByteSink) => Reader<void>;

/** Pumps [start, end) of the file into a sink. */
export function rangePump(start: number, end: number): Pump {
  return function* (sink) {
    let at = start;
    while (at < end && !sink.done) {
      const b = yield { offset: at, length: Math.min(READ_CHUNK, end - at) };
      if (b.length === 0) break;
      at += b.length;
      sink.write(b);
    }
    sink.end();
  };
}

// ---------------------------------------------------------------- decoding

/** Thrown when text without BOM turns out not to be UTF-8: read again as Windows-1252. */
export class Utf8Fallback extends Error {
  constructor() {
    super('utf8-fallback');
  }
}

export interface DecodePlan {
  /** The file was found not to be UTF-8 (no BOM, no UTF-16): Windows-1252. */
  cp1252: boolean;
}

const SNIFF_BYTES = 4096;

/**
 * Bytes -> text, as `decodeText(bytes)` decodes them (it is the same sniffing, on the
 * first 4096 bytes): UTF-8 with or without BOM, UTF-16LE/BE with BOM or obvious
 * without, else Windows-1252 (signalled by Utf8Fallback: the whole file must be read
 * again). An ImportError from further down (a wrong header, binary text) is held
 * until the end, since a decoding error later in the file takes precedence, as it
 * does when the file is decoded whole first.
 */
export class DecodeSink implements ByteSink {
  private head: Uint8Array[] = [];
  private headLen = 0;
  private decode?: (b: Uint8Array, last: boolean) => string;
  private failed?: ImportError;
  private ended = false;
  constructor(
    private readonly plan: DecodePlan,
    private readonly out: TextSink,
  ) {}
  get done(): boolean {
    return this.failed === undefined && this.out.done === true;
  }
  write(b: Uint8Array): void {
    if (b.length === 0) return;
    if (!this.decode) {
      this.head.push(b);
      this.headLen += b.length;
      if (this.headLen >= SNIFF_BYTES) this.start();
      return;
    }
    this.emit(this.decode(b, false));
  }
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.done) {
      // Stopped early (a sniff): the rest is decoded, and checked, by a later pass.
      this.out.end();
      return;
    }
    if (!this.decode) {
      if (this.headLen === 0) {
        // decodeText of no bytes is ''.
        this.finish();
        return;
      }
      this.start();
    }
    this.emit(this.decode!(new Uint8Array(0), true));
    this.finish();
  }
  private finish(): void {
    if (this.failed) throw this.failed;
    this.out.end();
  }
  private emit(s: string): void {
    if (s === '' || this.failed) return;
    try {
      this.out.write(s);
    } catch (e) {
      if (!(e instanceof ImportError)) throw e;
      this.failed = e;
    }
  }
  private start(): void {
    const bytes = concat(this.head, this.headLen);
    this.head = [];
    let skip = 0;
    let label: string;
    let fallback = false;
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      label = 'utf-8';
      skip = 3;
    } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
      label = 'utf-16le';
      skip = 2;
    } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
      label = 'utf-16be';
      skip = 2;
    } else {
      const n = Math.min(bytes.length, SNIFF_BYTES);
      const nul = nulShares(bytes, n);
      if (n >= 4 && nul.odd > 0.4 && nul.even < 0.05) label = 'utf-16le';
      else if (n >= 4 && nul.even > 0.4 && nul.odd < 0.05) label = 'utf-16be';
      else if (nul.all > 0) throw new ImportError('binary');
      else if (this.plan.cp1252) label = 'windows-1252';
      else {
        label = 'utf-8';
        fallback = true;
      }
    }
    if (label === 'windows-1252') {
      this.decode = (b) => decodeCp1252(b);
    } else {
      const td = new TextDecoder(label, { fatal: true });
      this.decode = (b, last) => {
        try {
          return last ? td.decode(b) : td.decode(b, { stream: true });
        } catch {
          if (fallback) throw new Utf8Fallback();
          throw new ImportError('bad-encoding');
        }
      };
    }
    this.emit(this.decode(bytes.subarray(skip), false));
  }
}

/** `parts` (of `len` bytes in all) as one array; a single part is returned as it is. */
export function concat(parts: Uint8Array[], len: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(len);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const BINARY_SAMPLE = 8192;

/**
 * The start of a text: optionally drops one leading BOM, optionally checks the first
 * 8192 characters for binary data (as `decodeText(string)` / `readCsv` do).
 */
export class LeadSink implements TextSink {
  private buf: string | undefined = '';
  constructor(
    private readonly out: TextSink,
    private readonly stripBom: boolean,
    private readonly checkBinary: boolean,
  ) {}
  get done(): boolean {
    return this.out.done === true;
  }
  write(s: string): void {
    if (this.buf === undefined) {
      this.out.write(s);
      return;
    }
    this.buf += s;
    if (this.buf.length > BINARY_SAMPLE + 1) this.flush();
  }
  end(): void {
    if (this.buf !== undefined) this.flush();
    this.out.end();
  }
  private flush(): void {
    let t = this.buf!;
    this.buf = undefined;
    if (this.stripBom && t.charCodeAt(0) === 0xfeff) t = t.slice(1);
    if (this.checkBinary && looksBinaryText(t)) throw new ImportError('binary');
    if (t !== '') this.out.write(t);
  }
}

/** Collects the whole text (for the small formats parsed whole: vCard, contacts CSV, Profile.csv). */
export class CollectSink implements TextSink {
  private parts: string[] = [];
  text = '';
  write(s: string): void {
    this.parts.push(s);
  }
  end(): void {
    this.text = this.parts.join('');
    this.parts = [];
  }
}

// ---------------------------------------------------------------- CSV

export interface CsvConsumer {
  /** The header row's cells, normalised. */
  header(cells: string[]): void;
  /** A data row (1 + index is the row number after the header, empty rows excluded). */
  row(cells: string[], index: number): void;
}

interface PapaHandle {
  parse(input: string, baseIndex: number, ignoreLastRow: boolean): { data: unknown[]; meta: { cursor: number } };
  guessLineEndings(input: string, quoteChar: string): '\r\n' | '\n' | '\r';
}
const ParserHandle = (Papa as unknown as { ParserHandle: new (config: Papa.ParseConfig) => PapaHandle }).ParserHandle;

const DELIMS = [',', '\t', ';'] as const;
const MAX_HEADER_LINES = 40;
/** papaparse guesses the line ending from the first 1 MiB of its first input. */
const NEWLINE_GUESS = 1024 * 1024;

/**
 * `readCsv` as a stream: drops one BOM, finds the header line among the first 40
 * lines (LinkedIn's "Notes:" preamble comes before it), guesses the delimiter from it,
 * then feeds papaparse's incremental parser from that line on, a chunk at a time
 * (what its ChunkStreamer does), handing each row over as it is read.
 * Throws 'empty', 'not-csv' or 'wrong-columns' like readCsv.
 */
export class CsvSink implements TextSink {
  private scan: string | undefined = '';
  private lineStart = 0;
  private lines = 0;
  private sawDelimiter = false;
  private sawText = false;
  private pending?: ImportError;
  private first = true;
  private handle?: PapaHandle;
  private partial = '';
  private base = 0;
  private delimiter = ',';
  private pieces: string[] = [];
  private piecesLength = 0;
  private gotHeader = false;
  private index = 0;
  constructor(
    private readonly isHeader: (cells: string[]) => boolean,
    private readonly consumer: CsvConsumer,
  ) {}

  write(s: string): void {
    if (this.first) {
      this.first = false;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
      if (s === '') return;
    }
    if (this.pending) {
      // The header was not found: only whether the text is all blank still matters.
      if (/\S/.test(s)) throw this.pending;
      return;
    }
    if (this.scan !== undefined) {
      if (!this.sawText && /\S/.test(s)) this.sawText = true;
      this.scan += s;
      this.findHeader(false);
      return;
    }
    this.feed(s);
  }

  end(): void {
    if (this.pending) {
      if (!this.sawText) throw new ImportError('empty');
      throw this.pending;
    }
    if (this.scan !== undefined) {
      if (!this.sawText) throw new ImportError('empty');
      this.findHeader(true);
      if (this.pending) throw this.pending;
    }
    if (!this.handle) this.startParser();
    this.parseChunk('', true);
    if (!this.gotHeader) {
      this.gotHeader = true;
      this.consumer.header([]);
    }
  }

  /** The legacy line-by-line search, run as lines become complete. */
  private findHeader(atEnd: boolean): void {
    const t = this.scan!;
    const lineRe = /\r\n|\n|\r/g;
    while (this.lines < MAX_HEADER_LINES && this.lineStart <= t.length) {
      lineRe.lastIndex = this.lineStart;
      const m = lineRe.exec(t);
      if (!atEnd && (!m || (m[0] === '\r' && m.index === t.length - 1))) return; // line not complete yet
      const end = m ? m.index : t.length;
      const line = t.slice(this.lineStart, end);
      for (const d of DELIMS) {
        if (!line.includes(d)) continue;
        this.sawDelimiter = true;
        if (this.isHeader(line.split(d).map(normHeader))) {
          const rest = t.slice(this.lineStart);
          this.scan = undefined;
          this.delimiter = d;
          if (rest !== '') this.feed(rest);
          return;
        }
      }
      this.lines++;
      if (!m) break;
      this.lineStart = m.index + m[0].length;
    }
    const err = new ImportError(this.sawDelimiter ? 'wrong-columns' : 'not-csv');
    this.scan = undefined;
    if (this.sawText) throw err;
    this.pending = err;
  }

  private feed(s: string): void {
    if (this.handle) {
      this.parseChunk(s, false);
      return;
    }
    this.pieces.push(s);
    this.piecesLength += s.length;
    if (this.piecesLength >= NEWLINE_GUESS) this.startParser();
  }

  /**
   * papaparse guesses the line ending once, from the first 1 MiB of its input: the same
   * guess here, then the chunks as they came.
   */
  private startParser(): void {
    const head = this.pieces.join('').substring(0, NEWLINE_GUESS);
    const newline = new ParserHandle({}).guessLineEndings(head, '"');
    this.handle = new ParserHandle({ delimiter: this.delimiter, skipEmptyLines: 'greedy', newline });
    const pieces = this.pieces;
    this.pieces = [];
    for (const p of pieces) this.parseChunk(p, false);
  }

  private parseChunk(chunk: string, finished: boolean): void {
    const aggregate = this.partial + chunk;
    this.partial = '';
    if (aggregate === '' && !finished) return;
    const res = this.handle!.parse(aggregate, this.base, !finished);
    if (!finished) {
      const cursor = res.meta.cursor;
      this.partial = aggregate.substring(cursor - this.base);
      this.base = cursor;
    }
    for (const r of res.data) {
      if (!Array.isArray(r)) continue;
      if (!this.gotHeader) {
        this.gotHeader = true;
        this.consumer.header((r as string[]).map(normHeader));
      } else this.consumer.row(r as string[], this.index++);
    }
  }
}

/**
 * A copy of a string that does not keep alive the (much larger) chunk it was cut from:
 * V8 makes substrings of 13+ characters views of their parent string.
 */
export function own(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

// ---------------------------------------------------------------- jobs

/** A CSV parser run over one or more passes of the same rows. */
export interface RowJob<R> {
  isHeader(cells: string[]): boolean;
  passes: number;
  consumer(pass: number): CsvConsumer;
  finish(): R;
}

/** [drop one BOM, check for binary] layers before the CSV reader, outermost first. */
export type Leads = Array<[boolean, boolean]>;

/** decodeText(bytes): the binary check on the decoded text. */
export const BYTES_LEADS: Leads = [[false, true]];
/** decodeText(string): one BOM dropped, then the binary check. */
export const TEXT_LEADS: Leads = [[true, true]];

export function csvChain<R>(job: RowJob<R>, pass: number, leads: Leads): TextSink {
  let sink: TextSink = new CsvSink((c) => job.isHeader(c), job.consumer(pass));
  for (let i = leads.length - 1; i >= 0; i--) sink = new LeadSink(sink, leads[i]![0], leads[i]![1]);
  return sink;
}

/** A job over a text already in memory. */
export function runTextJob<R>(job: RowJob<R>, text: string, leads: Leads = TEXT_LEADS): R {
  for (let pass = 0; pass < job.passes; pass++) {
    const sink = csvChain(job, pass, leads);
    if (text !== '') sink.write(text);
    sink.end();
  }
  return job.finish();
}

/** A job over a byte stream, each pass decoding it again. */
export function* runBytesJob<R>(job: RowJob<R>, pump: Pump, plan: DecodePlan, leads: Leads = BYTES_LEADS): Reader<R> {
  for (let pass = 0; pass < job.passes; pass++) {
    yield* pump(new DecodeSink(plan, csvChain(job, pass, leads)));
  }
  return job.finish();
}

/** Runs `body`; if the text turns out not to be UTF-8, runs it again reading Windows-1252. */
export function* withPlan<T>(body: (plan: DecodePlan) => Reader<T>): Reader<T> {
  try {
    return yield* body({ cp1252: false });
  } catch (e) {
    if (!(e instanceof Utf8Fallback)) throw e;
  }
  return yield* body({ cp1252: true });
}

/** Decodes a whole byte stream to text (vCard, contacts CSV: small formats parsed whole). */
export function* collectText(pump: Pump, plan: DecodePlan): Reader<string> {
  const c = new CollectSink();
  yield* pump(new DecodeSink(plan, new LeadSink(c, false, true)));
  return c.text;
}
