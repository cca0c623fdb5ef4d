/**
 * Global setup of the e2e run: empty .test-results/network.json; teardown: one
 * line saying how many requests the extension made of its own across the whole
 * run (zero, or a test already failed) and how many pages came from fixtures.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const LOG = join(resolve(__dirname, '../..'), '.test-results/network.json');

interface Run {
  file: string;
  extensionRequests: number;
  routedPages: number;
}

export function setup(): () => void {
  rmSync(LOG, { force: true });
  return () => {
    const runs: Run[] = existsSync(LOG) ? (JSON.parse(readFileSync(LOG, 'utf8')) as Run[]) : [];
    const sum = (k: 'extensionRequests' | 'routedPages') => runs.reduce((n, r) => n + r[k], 0);
    const files = new Set(runs.map((r) => r.file)).size;
    console.log(
      `Network: the extension made ${sum('extensionRequests')} requests of its own across ${runs.length} browser sessions in ${files} files; ${sum('routedPages')} pages were served from saved fixtures (details: .test-results/network.json).`,
    );
  };
}
