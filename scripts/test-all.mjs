// `npm test`: every check Kith has, in order, ending with one plain line
// "N passed, N failed" (CI reads that line; vitest's own summary is not read).
// Each vitest test counts as one; each whole-build check (typecheck, lint, builds,
// web-ext lint) counts as one.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';

let passed = 0;
let failed = 0;
const failures = [];
mkdirSync('.test-results', { recursive: true });

function run(cmd, args, opts = {}) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, {
    stdio: opts.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
    env: { ...process.env, ...(opts.env ?? {}) },
  });
  return r;
}

function check(name, cmd, args) {
  const r = run(cmd, args);
  if (r.status === 0) passed++;
  else {
    failed++;
    failures.push(name);
  }
  return r.status === 0;
}

function vitest(name, args, file) {
  const r = run('npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
  if (!existsSync(file)) {
    failed++;
    failures.push(`${name} (no report)`);
    return;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // A file that fails to load, or whose setup hook fails (its tests are then
  // skipped, not failed), counts as one failure.
  const brokenFiles = report.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed'));
  failed += brokenFiles.length;
  for (const f of report.testResults) for (const a of f.assertionResults) if (a.status === 'failed') failures.push(`${name}: ${a.fullName}`);
  for (const f of brokenFiles) failures.push(`${name}: ${f.name} did not load or its setup failed`);
  if (r.status !== 0 && report.numFailedTests === 0 && brokenFiles.length === 0) {
    failed++;
    failures.push(`${name}: runner exited ${r.status}`);
  }
}

check('typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']);
check('lint', 'npx', ['eslint', '.']);
check('format', 'npx', ['prettier', '--check', '.']);
vitest('unit', [], '.test-results/unit.json');
const builtChrome = check('build chrome', 'npx', ['wxt', 'build']);
const builtFirefox = check('build firefox', 'npx', ['wxt', 'build', '-b', 'firefox']);

if (builtFirefox) {
  // Zero errors from Mozilla's linter; warnings are printed for the record.
  const r = run('npx', ['web-ext', 'lint', '--source-dir', '.output/firefox-mv3', '--output', 'json', '--no-config-discovery'], { capture: true });
  let ok = false;
  try {
    const out = JSON.parse(r.stdout);
    console.log(`web-ext lint: ${out.summary.errors} errors, ${out.summary.warnings} warnings, ${out.summary.notices} notices`);
    for (const m of [...out.errors, ...out.warnings]) console.log(`  ${m._type}: ${m.code} ${m.file ?? ''} ${m.message}`);
    ok = out.summary.errors === 0;
  } catch {
    console.log(r.stdout);
  }
  if (ok) passed++;
  else {
    failed++;
    failures.push('web-ext lint');
  }
}

if (builtChrome) vitest('e2e', ['-c', 'vitest.e2e.config.ts'], '.test-results/e2e.json');
else {
  failed++;
  failures.push('e2e (no build)');
}

// Firefox ESR over WebDriver BiDi, on the Firefox build made above (timed: CI has a limit).
if (builtFirefox) {
  const start = Date.now();
  vitest('e2e firefox', ['-c', 'vitest.e2e.firefox.config.ts'], '.test-results/e2e-firefox.json');
  console.log(`Firefox e2e suite: ${Math.round((Date.now() - start) / 1000)} s`);
} else {
  failed++;
  failures.push('e2e firefox (no build)');
}

if (failures.length) console.log(`\nFailed:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
