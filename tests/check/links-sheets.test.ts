import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/pipeline/build.js';
import { copyContent } from '../helpers/cli.js';

describe("links to a collection's sheets", () => {
  it("should accept a link to a sheet or its PDF of a row the dataset has, and refuse one to a row it lacks", async () => {
    const content = await copyContent();
    const fr = join(content, 'releases', '183-territoires-industrie', 'fr.mdx');
    const text = await readFile(fr, 'utf8');
    const links = 'Voir la [fiche du territoire n° 2](../../fiches/territoires/ti-002/fr.html), son [PDF](../../fiches/territoires/ti-002/en.pdf) et la [fiche n° 999](../../fiches/territoires/ti-999/fr.html).';
    await writeFile(fr, text.replace('## Quatre axes', `${links}\n\n## Quatre axes`));
    const { files } = await check({ content });
    const messages = files.flatMap((file) => file.messages.filter((m) => m.ruleId === 'links').map((m) => ({ file: file.path, line: m.line, reason: m.reason })));
    expect(messages).toEqual([{ file: expect.stringContaining('183-territoires-industrie/fr.mdx'), line: 7, reason: expect.stringContaining('"../../fiches/territoires/ti-999/fr.html" goes to fiches/territoires/ti-999/fr.html in the output, which no document produces') }]);
  });
});
