/**
 * Paths and saved pages, with no test-runner import: the benchmark driver uses
 * these too, outside vitest.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');

/** The <body> of a saved page, to swap in as LinkedIn's single-page app would. */
export function savedBody(file: string): { body: string; title: string } {
  const html = readFileSync(join(ROOT, file), 'utf8');
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
  const title = /<title>([^<]*)<\/title>/i.exec(html)?.[1] ?? 'LinkedIn';
  return { body, title };
}
