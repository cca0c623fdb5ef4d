// @vitest-environment node
/**
 * The lint bans that keep Kith from running strings as code or HTML:
 * run ESLint with the project's own config on small snippets, as if they were
 * one of Kith's components, and expect each ban to fire. Removing or loosening a
 * ban in eslint.config.js makes this test fail.
 */
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../../..');
const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: join(ROOT, 'eslint.config.js') });

/** Rule ids ESLint reports for `code` linted as a file of the extension (not a test). */
async function rulesFor(code: string, file = 'components/__lint_probe__.tsx'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

describe('lint bans code and HTML from strings', () => {
  it.each([
    [
      'dangerouslySetInnerHTML',
      'export const A = ({ html }: { html: string }) => <div dangerouslySetInnerHTML={{ __html: html }} />;\n',
      'no-restricted-syntax',
    ],
    ['eval', 'export const f = (s: string) => eval(s);\n', 'no-eval'],
    ['indirect eval through window', 'export const f = (s: string) => window.eval(s);\n', 'no-eval'],
    ['new Function', "export const f = (s: string) => new Function('x', s);\n", 'no-new-func'],
    ['setTimeout with a string', "export const f = () => setTimeout('alert(1)', 10);\n", 'no-implied-eval'],
    ['innerHTML assignment', 'export const f = (el: HTMLElement, s: string) => {\n  el.innerHTML = s;\n};\n', 'no-restricted-syntax'],
    ['outerHTML assignment', 'export const f = (el: HTMLElement, s: string) => {\n  el.outerHTML = s;\n};\n', 'no-restricted-syntax'],
    ['insertAdjacentHTML', "export const f = (el: HTMLElement, s: string) => el.insertAdjacentHTML('beforeend', s);\n", 'no-restricted-syntax'],
    ['document.write', 'export const f = (s: string) => document.write(s);\n', 'no-restricted-syntax'],
    ['a javascript: URL', "export const A = () => <a href={'javascript:void(0)'}>x</a>;\n", 'no-script-url'],
  ])('%s is an error', async (_name, code, rule) => {
    expect(await rulesFor(code)).toContain(rule);
  });

  it('the same bans hold in lib/ and entrypoints/', async () => {
    expect(await rulesFor('export const f = (s: string) => eval(s);\n', 'lib/__lint_probe__.ts')).toContain('no-eval');
    expect(await rulesFor('export const f = (el: HTMLElement, s: string) => {\n  el.innerHTML = s;\n};\n', 'entrypoints/__lint_probe__.ts')).toContain(
      'no-restricted-syntax',
    );
  });

  it('rendering text the React way passes', async () => {
    expect(await rulesFor('export const A = ({ text }: { text: string }) => <p>{text}</p>;\n')).toEqual([]);
  });
});
