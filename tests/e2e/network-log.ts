/**
 * The network log both browsers' harnesses write: one entry per browser session
 * in .test-results/network.json (a JSON array; the e2e files run one at a time):
 * the extension's own requests and the pages answered from fixtures, with the
 * test that closed it (for a browser shared by a describe, its last test). The
 * e2e run's global setup empties it, its teardown (tests/e2e/network-report.ts)
 * prints the totals.
 *
 * No static import of vitest: the benchmark driver (plain Node, CommonJS) loads
 * the Chromium harness too, and never writes this log.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './pages';

/** Total count of extension requests seen across the suite, for the report. */
export const networkReport = { extensionRequests: 0, routedPages: 0 };

export const NETWORK_LOG = join(ROOT, '.test-results/network.json');

export async function recordNetwork(extensionRequests: number, routedPages: number): Promise<void> {
  const { expect } = await import('vitest');
  networkReport.extensionRequests += extensionRequests;
  networkReport.routedPages += routedPages;
  const file = (expect.getState().testPath ?? '').replace(`${ROOT}/`, '');
  mkdirSync(join(ROOT, '.test-results'), { recursive: true });
  let runs: unknown[] = [];
  try {
    runs = JSON.parse(readFileSync(NETWORK_LOG, 'utf8')) as unknown[];
  } catch {
    // First session of the run (or a file from an interrupted one): start afresh.
  }
  runs.push({ file, test: expect.getState().currentTestName ?? null, extensionRequests, routedPages });
  writeFileSync(NETWORK_LOG, JSON.stringify(runs, null, 1));
}
