import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { copyContent, runCli } from './cli.js';

const BASE_183 = fileURLToPath(new URL('../fixtures/editorial/base-183-territoires/', import.meta.url));
const ADDED = fileURLToPath(new URL('../fixtures/site/', import.meta.url));

/** The release of the second base: the Government's release of 13 November 2023. */
export const RELEASE_183 = '183-territoires-industrie';

/**
 * The second base (the Government's release of 13 November 2023) with the documents of tests/fixtures/site: a review
 * its release links to (`<ReviewLink />`), a collection "territoires" with the sheet "ti-001", and a release
 * "territoires-ti-001" of the same date; every translation recorded.
 */
export async function siteContent(): Promise<string> {
  const content = await copyContent(BASE_183);
  for (const folder of ['reviews', 'collections', 'releases']) await cp(join(ADDED, folder), join(content, folder), { recursive: true });
  await cp(join(ADDED, 'site.yaml'), join(content, 'site.yaml'));
  const settings = join(content, 'releases', RELEASE_183, 'release.yaml');
  await writeFile(settings, (await readFile(settings, 'utf8')).replace(/^date: 2023-11-13$/m, 'date: 2023-11-13\nreview: { slug: temps-2 }'));
  for (const lang of ['fr', 'en']) {
    const text = join(content, 'releases', RELEASE_183, `${lang}.mdx`);
    await writeFile(text, `${await readFile(text, 'utf8')}\n<ReviewLink />\n`);
  }
  for (const slug of [RELEASE_183, 'territoires-ti-001', 'territoires', 'temps-2']) {
    expect((await runCli(['translated', slug, 'en', '--content', content])).code).toBe(0);
  }
  return content;
}
