/** Picks the parser for a file by its content first, its name second. */
import { ImportError, MAX_IMPORT_BYTES, type ImportOptions, type ParseResult } from './types';
import { normHeader } from './text';
import { connectionsJob, invitationsJob, linkedInZipReader, messagesJob } from './linkedin';
import { parseVCards } from './vcard';
import { parseContactsCsv } from './contacts-csv';
import {
  DecodeSink,
  LeadSink,
  collectText,
  rangePump,
  readFully,
  runBytesJob,
  runSync,
  withPlan,
  type DecodePlan,
  type Leads,
  type Reader,
  type RowJob,
  type TextSink,
} from './stream';

function isZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 0x03 || b[2] === 0x05) && (b[3] === 0x04 || b[3] === 0x06);
}

const SNIFF_LINES = 40;

/** Normalised header cells of the first 40 lines, for sniffing. */
function headLines(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/, SNIFF_LINES)
    .map((l) => (l.includes('\t') ? l.split('\t') : l.split(',')).map(normHeader));
}

/**
 * The start of a decoded file, as much as the sniffing needs: 40 complete lines, and
 * the first characters that are not blank (or the whole file when it is shorter).
 */
class SniffSink implements TextSink {
  text = '';
  private lines = 0;
  private firstText = -1;
  get done(): boolean {
    return this.lines >= SNIFF_LINES && this.firstText >= 0 && this.text.length >= this.firstText + 16;
  }
  write(s: string): void {
    const from = this.text.length;
    this.text += s;
    if (this.firstText < 0) {
      const m = /\S/.exec(s);
      if (m) this.firstText = from + m.index;
    }
    if (this.lines < SNIFF_LINES) {
      // Line ends as the split counts them ('\r\n' cut by a chunk boundary counts once).
      const re = /\r\n|\n|\r/g;
      let n = 0;
      while (n < SNIFF_LINES && re.exec(this.text)) n++;
      this.lines = n;
    }
  }
  end(): void {}
}

// After decodeText(bytes) the parsers get a string, which they pass to decodeText again.
const DETECTED_LEADS: Leads = [
  [false, true],
  [true, true],
];

function* textFile(base: string, size: number, opts: ImportOptions, plan: DecodePlan): Reader<ParseResult[]> {
  const pump = rangePump(0, size);
  const sniff = new SniffSink();
  yield* pump(new DecodeSink(plan, new LeadSink(sniff, false, true)));
  const head = sniff.text;
  if (head.trim() === '') throw new ImportError('empty');
  if (/^\s*BEGIN:VCARD/i.test(head) || /\.(vcf|vcard)$/.test(base)) return [parseVCards(yield* collectText(pump, plan))];
  const lines = headLines(head);
  const any = (pred: (c: string[]) => boolean) => lines.some(pred);
  let job: RowJob<ParseResult> | undefined;
  if (any((c) => c.includes('first name') && c.includes('last name') && c.includes('connected on'))) job = connectionsJob(opts);
  else if (any((c) => c.includes('from') && c.includes('to') && c.includes('content'))) job = messagesJob(opts);
  else if (any((c) => c.includes('from') && c.includes('to') && c.includes('sent at') && c.includes('direction'))) job = invitationsJob(opts);
  else if (base === 'connections.csv') job = connectionsJob(opts);
  else if (base === 'messages.csv') job = messagesJob(opts);
  else if (base === 'invitations.csv') job = invitationsJob(opts);
  if (!job) return [parseContactsCsv(yield* collectText(pump, plan))];
  yield { plan: job.passes * size };
  return [yield* runBytesJob(job, pump, plan, DETECTED_LEADS)];
}

/**
 * One file as the user picked it, as a reader (see stream.ts): run it on bytes in
 * memory (`detectAndParse`) or on a File, a chunk at a time (the import worker).
 * Refuses more than MAX_IMPORT_BYTES ('too-large') before reading anything.
 */
export function* fileReader(fileName: string, size: number, opts: ImportOptions): Reader<ParseResult[]> {
  if (size > MAX_IMPORT_BYTES) throw new ImportError('too-large');
  if (size === 0) throw new ImportError('empty');
  const name = fileName.toLowerCase();
  const base = name.split(/[\\/]/).pop() ?? name;
  const magic = yield* readFully(0, 4);
  if (isZip(magic) || base.endsWith('.zip')) return yield* linkedInZipReader(size, opts);
  return yield* withPlan((plan) => textFile(base, size, opts, plan));
}

/** One file as the user picked it -> parse results. */
export function detectAndParse(fileName: string, bytes: Uint8Array, opts: ImportOptions): ParseResult[] {
  if (bytes.length > MAX_IMPORT_BYTES) throw new ImportError('too-large');
  return runSync(fileReader(fileName, bytes.length, opts), bytes);
}
