// Lint: TypeScript's recommended rules, React hooks, the layers of the codebase
// (docs/architecture.md), and Kith's own bans: no HTML injection and no eval-like
// code anywhere in the extension.
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const htmlInjection = [
  {
    selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
    message: 'Kith never renders HTML strings: page-derived and user text is rendered as text.',
  },
  { selector: 'AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]', message: 'No innerHTML/outerHTML: build DOM nodes or render with React.' },
  { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'No insertAdjacentHTML.' },
  { selector: "CallExpression[callee.object.name='document'][callee.property.name=/^write(ln)?$/]", message: 'No document.write.' },
];

/**
 * The layers, lowest first: docs/architecture.md, "Layers", says what each holds
 * and why. A module may import from its own layer and the ones below it, never
 * from a layer above; import-x/no-cycle keeps the modules inside a layer from
 * importing each other in a circle. An entry is a folder or a single file: the
 * site table is data only and sits under the data model, while the site adapters
 * (which read pages into the model's types) sit above it.
 */
const layers = [
  ['lib/sites/table.ts', 'lib/model', 'lib/i18n', 'lib/platform'],
  ['lib/sites', 'lib/relationship', 'lib/settings', 'lib/nudges', 'lib/sync/contract.ts', 'lib/sync/merge.ts', 'lib/sync/rows.ts', 'lib/sync/crypto.ts'],
  ['lib/messages', 'lib/db', 'lib/import', 'lib/backup', 'lib/search'],
  ['lib/background', 'lib/content', 'lib/ui', 'lib/sync'],
  ['components'],
  ['entrypoints'],
];
const inside = (path, folder) => path.startsWith(`${folder}/`);
const layerZones = layers.slice(0, -1).flatMap((here, i) => {
  const above = layers.slice(i + 1).flat();
  const belowOrHere = layers.slice(0, i + 1).flat();
  return here.flatMap((target) =>
    above.map((from) => ({
      target: `./${target}`,
      from: `./${from}`,
      // A folder above may hold a file that sits lower (lib/sites/table.ts).
      except: belowOrHere.filter((p) => inside(p, from)).map((p) => `./${p.slice(from.length + 1)}`),
      message: `${target} sits below ${from} (docs/architecture.md, "Layers").`,
    })),
  );
});

/**
 * The content scripts load on every page of a site, so they stay small: what they
 * run (lib/content, lib/sites and their two entry points) reaches neither the
 * database, the service worker, the importers, the UI, nor zod or React. The
 * in-page card (linkedin-card.content) is injected only when it shows, and may.
 */
const contentScripts = ['lib/content', 'lib/sites', 'entrypoints/linkedin.content', 'entrypoints/sites.content'];
const contentZone = {
  target: contentScripts.map((p) => `./${p}`),
  from: ['lib/db', 'lib/background', 'lib/import', 'lib/backup', 'lib/ui', 'lib/messages/schema.ts', 'lib/messages/router.ts', 'components'].map(
    (p) => `./${p}`,
  ),
  message: 'Content scripts stay small (eslint.config.js, contentScripts): messages/types.ts has the protocol types.',
};
const contentPackages = ['dexie', 'dexie-react-hooks', 'zod', 'react', 'react-dom', 'papaparse', 'fflate', 'zustand'];

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'bench/results/**', 'bench/tmp/**', '.test-results/**', 'web-ext-artifacts/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, 'import-x': importX },
    // no-eval and no-implied-eval only see `window.eval(s)` and `setTimeout('code')`
    // when these are known globals (tests/unit/security/lint-bans.test.ts).
    languageOptions: { globals: { window: 'readonly', self: 'readonly', setTimeout: 'readonly', setInterval: 'readonly', execScript: 'readonly' } },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver': undefined,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The compiler-oriented rules of react-hooks 7 flag patterns React 19 handles fine.
      'react-hooks/set-state-in-effect': 'off',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-script-url': 'error',
      'no-restricted-syntax': ['error', ...htmlInjection],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { zones: [...layerZones, contentZone] }],
    },
  },
  {
    // Type-aware: a promise nobody awaits hides its failure.
    files: ['lib/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'entrypoints/**/*.{ts,tsx}'],
    // The lint-bans test lints snippets under these names, which no tsconfig
    // holds; its bans need no types.
    ignores: ['**/__lint_probe__.*'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  {
    files: contentScripts.map((p) => `${p}/**/*.{ts,tsx}`),
    rules: {
      // Types are erased from the bundle; a value import would carry the package in.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: contentPackages.map((name) => ({ name, allowTypeImports: true, message: 'Content scripts stay small: no database, schema or UI packages.' })),
          patterns: [
            { group: contentPackages.map((n) => `${n}/*`), allowTypeImports: true, message: 'Content scripts stay small: no database, schema or UI packages.' },
          ],
        },
      ],
    },
  },
  {
    // Tests drive saved pages the way LinkedIn's own scripts would: they may set HTML.
    files: ['tests/**', 'bench/**'],
    // Security tests feed hostile javascript: URLs to the code on purpose.
    rules: { 'no-restricted-syntax': 'off', '@typescript-eslint/no-explicit-any': 'off', 'no-script-url': 'off' },
  },
);
