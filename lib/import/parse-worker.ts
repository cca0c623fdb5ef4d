/**
 * Parsing import files off the page's thread. The worker is a shipped file
 * (entrypoints/import-worker.ts -> /import-worker.js): extension pages' CSP
 * forbids blob: workers. Where no Worker exists at all (tests under jsdom), the
 * files are parsed on the page's thread instead: same results. A worker that
 * dies is an error ('worker-failed'), never a retry here: a file that exhausted
 * the worker would then freeze the page.
 */
import { fileReader } from './detect';
import { runAsync } from './stream';
import { ImportError, MAX_IMPORT_BYTES, type ImportErrorCode, type ParseResult } from './types';

export interface ParseRequest {
  files: File[];
  now: number;
  keepText: boolean;
}

export type ParseResponse =
  { ok: true; results: ParseResult[] } | { ok: false; file?: string; code?: ImportErrorCode; detail?: string } | { progress: ParseProgress };

/** Bytes read so far, of the bytes the parse expects to read (some files are read twice). */
export interface ParseProgress {
  done: number;
  total: number;
}

export interface ParseControl {
  onProgress?: (p: ParseProgress) => void;
  signal?: AbortSignal;
}

export const WORKER_PATH = '/import-worker.js';

type FileError = Error & { file?: string };

function withFile(err: unknown, file: string): FileError {
  return Object.assign(err instanceof Error ? err : new Error(String(err)), { file });
}

/**
 * The parsing itself (used by the worker, and by the page as a fallback): each file
 * is read a chunk at a time and parsed as it streams (lib/import/stream.ts).
 */
export async function parseFilesHere(req: ParseRequest, ctl: ParseControl = {}): Promise<ParseResult[]> {
  const results: ParseResult[] = [];
  const all = req.files.reduce((n, f) => n + f.size, 0);
  let before = 0;
  for (const file of req.files) {
    // Refused before a byte is read: a 2 GB file must not be loaded into memory.
    if (file.size > MAX_IMPORT_BYTES) throw withFile(new ImportError('too-large'), file.name);
    try {
      const gen = fileReader(file.name, file.size, { now: req.now, keepText: req.keepText });
      const share = file.size;
      results.push(
        ...(await runAsync(gen, file, {
          ...(ctl.signal ? { signal: ctl.signal } : {}),
          onProgress: (read, total) => ctl.onProgress?.({ done: before + Math.round((share * read) / Math.max(1, total)), total: Math.max(1, all) }),
        })),
      );
    } catch (err) {
      if (ctl.signal?.aborted) throw err;
      throw withFile(err, file.name);
    }
    before += file.size;
  }
  return results;
}

/** The worker side: one request, one response. */
export function serveParseRequests(scope: { onmessage: ((e: MessageEvent<ParseRequest>) => void) | null; postMessage: (m: ParseResponse) => void }): void {
  // Assigned, not added: papaparse, seeing a worker, installs its own onmessage.
  scope.onmessage = (e) => {
    let last = 0;
    const onProgress = (progress: ParseProgress) => {
      // A few dozen messages, not one per chunk of a small file.
      if (progress.done - last < progress.total / 100 && progress.done < progress.total) return;
      last = progress.done;
      scope.postMessage({ progress });
    };
    parseFilesHere(e.data, { onProgress }).then(
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

function aborted(): Error {
  return new DOMException('The import was cancelled', 'AbortError');
}

/**
 * Parse in the shipped worker; on this thread only where there is no Worker.
 * Cancelling stops the worker at once.
 */
export function parseFiles(req: ParseRequest, ctl: ParseControl = {}): Promise<ParseResult[]> {
  if (ctl.signal?.aborted) return Promise.reject(aborted());
  if (typeof Worker === 'undefined') return parseFilesHere(req, ctl);
  let worker: Worker;
  try {
    worker = new Worker(WORKER_PATH);
  } catch {
    return Promise.reject(new ImportError('worker-failed'));
  }
  return new Promise<ParseResult[]>((resolve, reject) => {
    let answered = false;
    const onAbort = () => {
      answered = true;
      worker.terminate();
      reject(aborted());
    };
    ctl.signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => {
      answered = true;
      ctl.signal?.removeEventListener('abort', onAbort);
      worker.terminate();
    };
    worker.onmessage = (e: MessageEvent<ParseResponse>) => {
      const m = e.data;
      if ('progress' in m) {
        ctl.onProgress?.(m.progress);
        return;
      }
      done();
      if (m.ok) resolve(m.results);
      else reject(fromResponse(m));
    };
    worker.onerror = (e) => {
      e.preventDefault();
      if (answered) return;
      done();
      reject(new ImportError('worker-failed'));
    };
    worker.postMessage(req);
  });
}
