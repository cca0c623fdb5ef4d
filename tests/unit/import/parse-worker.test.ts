/** Driving the import worker: a worker that dies is an error, never a parse on the page's thread. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseFiles } from '@/lib/import/parse-worker';
import { ImportError } from '@/lib/import';

class CrashingWorker {
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  postMessage(): void {
    // As when the worker runs out of memory or throws: an error event, no answer.
    setTimeout(() => this.onerror?.(Object.assign(new Event('error'), { preventDefault() {} }) as unknown as ErrorEvent), 0);
  }
  terminate(): void {
    this.terminated = true;
  }
}

afterEach(() => vi.unstubAllGlobals());

describe('parseFiles', () => {
  it('a worker that crashes ends the import with an error, without parsing on this thread', async () => {
    const made: CrashingWorker[] = [];
    vi.stubGlobal(
      'Worker',
      class extends CrashingWorker {
        constructor() {
          super();
          made.push(this);
        }
      },
    );
    const file = new File(['First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAda,Lovelace,,,,,09 Oct 2024\n'], 'Connections.csv');
    const err = await parseFiles({ files: [file], now: Date.UTC(2026, 2, 15), keepText: false }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).code).toBe('worker-failed');
    expect(made).toHaveLength(1);
    expect(made[0]!.terminated).toBe(true);
  });
});
