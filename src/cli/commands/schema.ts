import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { jsonSchemas } from '../../load/json-schemas.js';
import { CONTENT_OPTION, EXIT, type Command } from '../command.js';
import { SUMMARIES } from '../summaries.js';

/** `communique schema`: writes the JSON Schemas of the content files, for editors. */
export const schemaCommand: Command = {
  name: 'schema',
  summary: SUMMARIES.schema,
  usage: 'communique schema [--content DIR] [--check]',
  options: { ...CONTENT_OPTION, check: { type: 'boolean', default: false } },
  help: ['--content DIR   the content folder (default: content)', '--check         write nothing; exit 1 when a schema file is missing or out of date'],
  async run(values, _, io) {
    const dir = join(String(values['content']), 'schemas');
    const stale: string[] = [];
    for (const [name, text] of jsonSchemas()) {
      const path = join(dir, name);
      const current = await readFile(path, 'utf8').catch(() => undefined);
      if (current === text) continue;
      stale.push(path);
      if (values['check'] !== true) {
        await mkdir(dir, { recursive: true });
        await writeFile(path, text);
      }
    }
    if (values['check'] === true) {
      if (stale.length > 0) {
        io.err(`communique schema: out of date: ${stale.join(', ')}. Run \`communique schema\` and commit the result.\n`);
        return EXIT.content;
      }
      io.out('The schemas are up to date.\n');
      return EXIT.ok;
    }
    io.out(stale.length ? `Wrote ${stale.join(', ')}.\n` : 'The schemas were already up to date.\n');
    return EXIT.ok;
  },
};
