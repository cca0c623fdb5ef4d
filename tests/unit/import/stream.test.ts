// @vitest-environment node
/**
 * Streamed parsing must give exactly what parsing the file whole gives,
 * wherever the chunk boundaries fall: inside a multi-byte UTF-8 character, inside a
 * UTF-16 code unit, inside a quoted multi-line field, between the CR and LF of a CRLF.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { zipSync } from 'fflate';
import { ImportError, type ImportOptions, type ParseResult } from '@/lib/import/types';
import { detectAndParse, fileReader } from '@/lib/import/detect';
import { CsvSink, runAsync, runSync, type Reader } from '@/lib/import/stream';
import { ERAS, NOW, fixtureText, realHeader, utf16le, type Era } from './helpers';

type Outcome = { ok: ParseResult[] } | { error: string };

function outcome(f: () => ParseResult[]): Outcome {
  try {
    return { ok: f() };
  } catch (e) {
    if (e instanceof ImportError) return { error: e.code };
    throw e;
  }
}

/** Reads of the given sizes, in turn (the last size repeats). */
function splitter(sizes: number[]): (offset: number, wanted: number) => number {
  let i = 0;
  return () => sizes[Math.min(i++, sizes.length - 1)]!;
}

const NAMES = ['Ada Lovelace', 'Sam Example', 'Min-jun Park, CFA, FRM', 'Zoë Ångström', '李 小龙', 'José Müller', 'Grace Hopper'];
const URLS = [
  'https://www.linkedin.com/in/ada-lovelace-0a1b2c',
  'https://www.linkedin.com/in/sam-example',
  'https://www.linkedin.com/in/min-jun-park-cfa',
  '',
  'https://www.linkedin.com/in/zo%C3%AB',
];
const DATES = ['2024-10-10 09:15:00 UTC', '09 Oct 2024', '1/8/18, 6:14 PM', '6-Feb-26', 'not a date', ''];
const BITS = ['Hi', ' ', 'è', 'é', '🚀', '中文', '"', '""', ',', '\n', '\r\n', '\r', '\t', ';', "Let's meet", '<p>', '%FIRSTNAME%', 'ok?', '\u00a0'];

const text = fc.array(fc.constantFrom(...BITS), { maxLength: 30 }).map((a) => a.join(''));
const quote = (s: string, always: boolean) => (always || /[",\r\n\t;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Rows for a header: each column gets a value of its kind. */
function rowsFor(header: string[]) {
  const cell = (h: string) => {
    const k = h.toLowerCase();
    if (k.includes('url')) return fc.constantFrom(...URLS);
    if (k === 'date' || k.includes('sent at') || k.includes('connected on')) return fc.constantFrom(...DATES);
    if (k === 'from' || k === 'to' || k.includes('name')) return fc.constantFrom(...NAMES);
    if (k.includes('draft')) return fc.constantFrom('No', 'Yes', 'No', 'No');
    if (k === 'direction') return fc.constantFrom('INCOMING', 'OUTGOING');
    if (k.includes('conversation id')) return fc.constantFrom('c1', 'c2', 'c3', '');
    return text;
  };
  return fc.array(fc.tuple(...header.map(cell)), { minLength: 0, maxLength: 120 });
}

interface Shape {
  era: Era;
  file: 'messages' | 'Connections' | 'Invitations';
}
const shapes: Shape[] = ERAS.flatMap((era) => (['messages', 'Connections', 'Invitations'] as const).map((file) => ({ era, file })));

const fileArb = fc
  .constantFrom(...shapes)
  .chain((s) => {
    const head = realHeader(s.era, s.file);
    const lines = head.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n');
    const cols = lines[lines.length - 1]!.split(',');
    return fc.record({
      shape: fc.constant(s),
      head: fc.constant(lines.join('\n') + '\n'),
      cols: fc.constant(cols),
      rows: rowsFor(cols),
      quoteAll: fc.boolean(),
      crlf: fc.boolean(),
      trailing: fc.boolean(),
      encoding: fc.constantFrom('utf-8', 'utf-8-bom', 'utf-16le-bom-tab', 'windows-1252'),
      keepText: fc.boolean(),
    });
  })
  .map((f) => {
    const tab = f.encoding === 'utf-16le-bom-tab';
    let head = f.head;
    if (tab) head = head.replace(/,/g, '\t');
    let body = head + f.rows.map((r) => r.map((c) => quote(c, f.quoteAll || tab)).join(tab ? '\t' : ',')).join('\n');
    if (f.trailing) body += '\n';
    if (f.crlf) body = body.replace(/\r?\n/g, '\r\n');
    let bytes: Uint8Array;
    if (tab) bytes = utf16le(body);
    else {
      const utf8 = new TextEncoder().encode(body);
      if (f.encoding === 'utf-8-bom') bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
      else if (f.encoding === 'windows-1252')
        bytes = new Uint8Array([...utf8, 0x0a, 0xe9, 0x0a]); // not UTF-8 after all
      else bytes = utf8;
    }
    return { name: `${f.shape.file}.csv`, bytes, opts: { now: NOW, keepText: f.keepText } as ImportOptions };
  });

const sizes = fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 40 });

describe('streamed parsing = parsing whole', () => {
  it('any generated LinkedIn file (every era, UTF-8 ± BOM, UTF-16LE tab-separated, Windows-1252), split anywhere', () => {
    fc.assert(
      fc.property(fileArb, sizes, (f, sz) => {
        const whole = outcome(() => detectAndParse(f.name, f.bytes, f.opts));
        const split = outcome(() => runSync(fileReader(f.name, f.bytes.length, f.opts), f.bytes, splitter(sz)));
        expect(split).toEqual(whole);
      }),
      { numRuns: 250 },
    );
  });

  it('one byte at a time, and inside every multi-byte character and code unit', () => {
    const body =
      `${realHeader('2024-12_complete', 'messages')}${fixtureText('synthetic/messages-2024.rows.csv')}`.replace(/\n/g, '\r\n') +
      'c9,,Zoë 🚀,https://www.linkedin.com/in/zo%C3%AB,Sam Example,https://www.linkedin.com/in/sam-example,2024-10-10 09:15:00 UTC,,"中文\r\n🚀 ""quoted""\r\n",INBOX,No,No\r\n';
    const utf8 = new TextEncoder().encode(body);
    for (const bytes of [utf8, utf16le(body)]) {
      const whole = detectAndParse('messages.csv', bytes, { now: NOW });
      expect(whole[0]!.touches.length).toBeGreaterThan(3);
      expect(runSync(fileReader('messages.csv', bytes.length, { now: NOW }), bytes, () => 1)).toEqual(whole);
      for (let k = 2; k <= 7; k++) expect(runSync(fileReader('messages.csv', bytes.length, { now: NOW }), bytes, () => k)).toEqual(whole);
    }
  });

  it('the LinkedIn zip as downloaded (deflated and stored entries), split anywhere; cut short is still truncated-zip', () => {
    fc.assert(
      fc.property(fileArb, fileArb, fc.constantFrom(0, 6), sizes, fc.double({ min: 0, max: 1, noNaN: true }), (a, b, level, sz, cut) => {
        const zip = zipSync(
          { [`Export/${a.name}`]: a.bytes, [`Export/${b.name === a.name ? 'Invitations.csv' : b.name}`]: b.bytes },
          { level: level as 0 | 6 },
        );
        const name = 'Basic_LinkedInDataExport_03-15-2026.zip';
        const whole = outcome(() => detectAndParse(name, zip, { now: NOW }));
        expect(outcome(() => runSync(fileReader(name, zip.length, { now: NOW }), zip, splitter(sz)))).toEqual(whole);
        const short = zip.subarray(0, Math.floor(cut * (zip.length - 1)));
        expect(outcome(() => runSync(fileReader(name, short.length, { now: NOW }), short, splitter(sz)))).toEqual(
          short.length ? { error: 'truncated-zip' } : { error: 'empty' },
        );
      }),
      { numRuns: 120 },
    );
  });

  it("papaparse fed in pieces gives the rows it gives for the whole text (quotes, CR, LF, CRLF, the 'Notes:' preamble)", () => {
    const piece = fc.constantFrom('a', 'b', ',', '"', '""', '\n', '\r', '\r\n', ' ', 'é', '\t');
    const csv = fc.array(piece, { maxLength: 300 }).map((a) => `Notes:\n"a, preamble\n"\n\nFrom,To,Content,Date\n${a.join('')}`);
    const run = (parts: string[]) => {
      const out: unknown[] = [];
      const sink = new CsvSink((c) => c.includes('from') && c.includes('content'), { header: (h) => out.push(['H', h]), row: (r, i) => out.push([i, r]) });
      try {
        for (const p of parts) sink.write(p);
        sink.end();
      } catch (e) {
        if (!(e instanceof ImportError)) throw e;
        out.push(e.code);
      }
      return out;
    };
    fc.assert(
      fc.property(csv, sizes, (t, sz) => {
        const parts: string[] = [];
        let at = 0;
        for (let i = 0; at < t.length; i++) {
          const n = sz[i % sz.length]!;
          parts.push(t.slice(at, at + n));
          at += n;
        }
        expect(run(parts)).toEqual(run([t]));
      }),
      { numRuns: 400 },
    );
  });

  it('from a Blob, a chunk at a time, with progress by bytes read up to the whole', async () => {
    const body = realHeader('2024-12_complete', 'messages') + fixtureText('synthetic/messages-2024.rows.csv').repeat(40);
    const bytes = new TextEncoder().encode(body);
    const progress: Array<[number, number]> = [];
    const got = await runAsync(fileReader('messages.csv', bytes.length, { now: NOW }) as Reader<ParseResult[]>, new Blob([bytes]), {
      chunk: 4096,
      onProgress: (r, t) => progress.push([r, t]),
    });
    expect(got).toEqual(detectAndParse('messages.csv', bytes, { now: NOW }));
    expect(progress.length).toBeGreaterThan(2 * Math.floor(bytes.length / 4096));
    const last = progress[progress.length - 1]!;
    expect(last[0]).toBe(last[1]);
    expect(progress.every(([r, t], i) => r <= t && (i === 0 || r >= progress[i - 1]![0]))).toBe(true);
  });

  it('stops at the next read once cancelled', async () => {
    const bytes = new TextEncoder().encode(realHeader('2024-12_complete', 'messages') + fixtureText('synthetic/messages-2024.rows.csv').repeat(20));
    const ctrl = new AbortController();
    let reads = 0;
    const p = runAsync(fileReader('messages.csv', bytes.length, { now: NOW }), new Blob([bytes]), {
      chunk: 1024,
      signal: ctrl.signal,
      onProgress: () => {
        if (++reads === 3) ctrl.abort();
      },
    });
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    expect(reads).toBe(3);
  });
});
