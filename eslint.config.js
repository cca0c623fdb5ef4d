// Lint: TypeScript's recommended rules, React hooks, and Kith's own bans:
// no HTML injection and no eval-like code anywhere in the extension.
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const htmlInjection = [
  { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Kith never renders HTML strings: page-derived and user text is rendered as text.' },
  { selector: "AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]", message: 'No innerHTML/outerHTML: build DOM nodes or render with React.' },
  { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'No insertAdjacentHTML.' },
  { selector: "CallExpression[callee.object.name='document'][callee.property.name=/^write(ln)?$/]", message: 'No document.write.' },
];

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'bench/results/**', 'bench/tmp/**', '.test-results/**', 'web-ext-artifacts/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    // no-eval and no-implied-eval only see `window.eval(s)` and `setTimeout('code')`
    // when these are known globals (tests/unit/security/lint-bans.test.ts).
    languageOptions: { globals: { window: 'readonly', self: 'readonly', setTimeout: 'readonly', setInterval: 'readonly', execScript: 'readonly' } },
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
    },
  },
  {
    // Tests drive saved pages the way LinkedIn's own scripts would: they may set HTML.
    files: ['tests/**', 'bench/**'],
    // Security tests feed hostile javascript: URLs to the code on purpose.
    rules: { 'no-restricted-syntax': 'off', '@typescript-eslint/no-explicit-any': 'off', 'no-script-url': 'off' },
  },
);
