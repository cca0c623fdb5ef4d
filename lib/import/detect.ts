/** Picks the parser for a file by its content first, its name second. */
import { ImportError, MAX_IMPORT_BYTES, type ImportOptions, type ParseResult } from './types';
import { decodeText, normHeader } from './text';
import { parseConnections, parseInvitations, parseLinkedInZip, parseMessages } from './linkedin';
import { parseVCards } from './vcard';
import { parseContactsCsv } from './contacts-csv';

function isZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 0x03 || b[2] === 0x05) && (b[3] === 0x04 || b[3] === 0x06);
}

/** Normalised header cells of the first 40 lines, for sniffing. */
function headLines(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/, 40)
    .map((l) => (l.includes('\t') ? l.split('\t') : l.split(',')).map(normHeader));
}

/**
 * One file as the user picked it -> parse results. Refuses more than
 * MAX_IMPORT_BYTES ('too-large') before reading anything.
 */
export function detectAndParse(fileName: string, bytes: Uint8Array, opts: ImportOptions): ParseResult[] {
  if (bytes.length > MAX_IMPORT_BYTES) throw new ImportError('too-large');
  if (bytes.length === 0) throw new ImportError('empty');
  const name = fileName.toLowerCase();
  const base = name.split(/[\\/]/).pop() ?? name;
  if (isZip(bytes) || base.endsWith('.zip')) return parseLinkedInZip(bytes, opts);
  const text = decodeText(bytes);
  if (text.trim() === '') throw new ImportError('empty');
  if (/^\s*BEGIN:VCARD/i.test(text) || /\.(vcf|vcard)$/.test(base)) return [parseVCards(text)];
  const lines = headLines(text);
  const any = (pred: (c: string[]) => boolean) => lines.some(pred);
  if (any((c) => c.includes('first name') && c.includes('last name') && c.includes('connected on'))) return [parseConnections(text, opts)];
  if (any((c) => c.includes('from') && c.includes('to') && c.includes('content'))) return [parseMessages(text, opts)];
  if (any((c) => c.includes('from') && c.includes('to') && c.includes('sent at') && c.includes('direction'))) return [parseInvitations(text, opts)];
  if (base === 'connections.csv') return [parseConnections(text, opts)];
  if (base === 'messages.csv') return [parseMessages(text, opts)];
  if (base === 'invitations.csv') return [parseInvitations(text, opts)];
  return [parseContactsCsv(text)];
}
