/**
 * Parsing import files off the page's thread. The worker is a shipped file
 * (entrypoints/import-worker.ts -> /import-worker.js): extension pages' CSP
 * forbids blob: workers. Where no worker can start (tests under jsdom, a failed
 * load), the files are parsed on the page's thread instead: same results.
 */
import { detectAndParse } from '../../lib/import/detect';
import { ImportError, MAX_IMPORT_BYTES, type ImportErrorCode, type ParseResult } from '../../lib/import/types';

export interface ParseRequest {
  files: File[];
  now: number;
  keepText: boolean;
}

export type ParseResponse = { ok: true; results: ParseResult[] } | { ok: false; file?: string; code?: ImportErrorCode; detail?: string };

export const WORKER_PATH = '/import-worker.js';

type FileError = Error & { file?: string };

function withFile(err: unknown, file: string): FileError {
  return Object.assign(err instanceof Error ? err : new Error(String(err)), { file });
}

/** The parsing itself (used by the worker, and by the page as a fallback). */
export async function parseFilesHere(req: ParseRequest): Promise<ParseResult[]> {
  const results: ParseResult[] = [];
  for (const file of req.files) {
    // Refused before a byte is read: a 2 GB file must not be loaded into memory.
    if (file.size > MAX_IMPORT_BYTES) throw withFile(new ImportError('too-large'), file.name);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      results.push(...detectAndParse(file.name, bytes, { now: req.now, keepText: req.keepText }));
    } catch (err) {
      throw withFile(err, file.name);
    }
  }
  return results;
}

/** The worker side: one request, one response. */
export function serveParseRequests(scope: { onmessage: ((e: MessageEvent<ParseRequest>) => void) | null; postMessage: (m: ParseResponse) => void }): void {
  // Assigned, not added: papaparse, seeing a worker, installs its own onmessage.
  scope.onmessage = (e) => {
    parseFilesHere(e.data).then(
      (results) => scope.postMessage({ ok: true, results }),
      (err: unknown) => {
        const fe = err as FileError;
        scope.postMessage({
          ok: false,
          ...(fe?.file ? { file: fe.file } : {}),
          ...(err instanceof ImportError ? { code: err.code, ...(err.detail ? { detail: err.detail } : {}) } : {}),
        });
      },
    );
  };
}

function fromResponse(r: Extract<ParseResponse, { ok: false }>): FileError {
  const err: FileError = r.code ? new ImportError(r.code, r.detail) : new Error('parse-failed');
  if (r.file) err.file = r.file;
  return err;
}

/** Parse in the shipped worker; fall back to this thread when no worker starts. */
export function parseFiles(req: ParseRequest): Promise<ParseResult[]> {
  if (typeof Worker === 'undefined') return parseFilesHere(req);
  let worker: Worker;
  try {
    worker = new Worker(WORKER_PATH);
  } catch {
    return parseFilesHere(req);
  }
  return new Promise<ParseResult[]>((resolve, reject) => {
    let answered = false;
    worker.onmessage = (e: MessageEvent<ParseResponse>) => {
      answered = true;
      worker.terminate();
      if (e.data.ok) resolve(e.data.results);
      else reject(fromResponse(e.data));
    };
    worker.onerror = (e) => {
      e.preventDefault();
      worker.terminate();
      // The worker did not load (or crashed before answering): parse here.
      if (!answered) parseFilesHere(req).then(resolve, reject);
    };
    worker.postMessage(req);
  });
}
