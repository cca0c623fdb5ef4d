#!/usr/bin/env node
/**
 * `npm run bench`: build the extension (skip with --no-build), bundle the bench
 * code with esbuild (bench/page.ts -> an IIFE evaluated inside an extension page;
 * bench/driver.ts -> a CommonJS module for Node that reuses the e2e harness), then
 * run the driver. Writes bench/results.json and bench/results.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TMP = join(ROOT, 'bench/tmp');
mkdirSync(TMP, { recursive: true });

if (!process.argv.includes('--no-build')) {
  console.log('[bench] npx wxt build');
  const r = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** A bench page bundle: an IIFE evaluated inside an extension page. */
const pageBundle = (entry, out, extra = {}) =>
  build({
    entryPoints: [join(ROOT, entry)],
    outfile: join(TMP, out),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    ...extra,
  });
await pageBundle('bench/page.ts', 'page.js');
// The browser sync stage's page: pouchdb-browser imports Node's `events`, aliased as wxt.config.ts does.
await pageBundle('bench/sync-page.ts', 'sync-page.js', { alias: { events: join(ROOT, 'lib/platform/events.ts') } });
await build({
  entryPoints: [join(ROOT, 'bench/driver.ts')],
  // In bench/tmp so that the harness's ROOT (`__dirname/../..`) is the project root.
  outfile: join(TMP, 'driver.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
  // tests/sync/pouchdb-server.ts finds the project from its own URL ('../..'); from bench/tmp/driver.cjs that is the project too.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});

const require = createRequire(import.meta.url);
const { main } = require(join(TMP, 'driver.cjs'));
try {
  await main();
} catch (err) {
  console.error(err);
  process.exit(1);
}
