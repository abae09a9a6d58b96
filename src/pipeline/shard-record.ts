import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { CommuniqueError } from '../core/errors.js';
import { parseShard, type Shard } from '../core/shard.js';
import { toolIdentity } from '../pdf/pdf-cache.js';

/** The record a shard's build writes at the top of its output folder, for `publish --from`. */
export const SHARD_RECORD = 'shard.json';

/** The format of the record: a record of another format is refused. */
const FORMAT = 1;

/** What a shard's build records: which shard, of what content, by which tool, and each PDF with its page key and sha256. */
interface ShardRecord {
  readonly format: number;
  readonly shard: string;
  readonly content: string;
  readonly tool: string;
  readonly pdfs: Record<string, { readonly page: string; readonly sha256: string }>;
}

/** Where the PDFs of a build come from when they are not printed (see BuildOptions.pdfs). */
export interface PdfSource {
  /** The PDF at `path` (of the build output) printed from the page whose key is `page`; throws when there is none. */
  get(path: string, page: string): Promise<Uint8Array>;
}

/** The sha256 of bytes, in hexadecimal (what `sha256sum` prints). */
export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The hash of a content folder: every file's path and bytes, but the ledger and the archive (which publish writes
 * after the shards were built) and hidden files. Two machines with the same checkout get the same hash.
 */
export async function contentHash(content: string): Promise<string> {
  const entries = await readdir(content, { recursive: true, withFileTypes: true });
  const paths = entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(content, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter((path) => path !== 'published.yaml' && !path.startsWith('archive/') && !path.split('/').some((part) => part.startsWith('.')))
    .sort();
  const hash = createHash('sha256');
  for (const path of paths) {
    const bytes = await readFile(join(content, path));
    hash.update(`${path}\0${bytes.byteLength}\0`).update(bytes);
  }
  return hash.digest('hex');
}

/** The text of a shard's record (shard.json). */
export async function shardRecord(content: string, shard: Shard, pages: ReadonlyMap<string, string>, hashes: ReadonlyMap<string, string>): Promise<string> {
  const pdfs: ShardRecord['pdfs'] = {};
  for (const path of [...hashes.keys()].sort()) pdfs[path] = { page: pages.get(path)!, sha256: hashes.get(path)! };
  const record: ShardRecord = { format: FORMAT, shard: `${shard.index}/${shard.count}`, content: await contentHash(content), tool: await toolIdentity(), pdfs };
  return `${JSON.stringify(record, null, 2)}\n`;
}

/** A refusal to merge shards: what is wrong and what to do, exit 1. */
function refuse(message: string, hint: string): CommuniqueError {
  return new CommuniqueError('ShardMismatch', message, hint, { exitCode: 1 });
}

const REBUILD = 'Build every shard again from the same content, with the same tool (`communique build --shard i/n --out DIR`), and merge the n folders.';

/**
 * Reads the records of the shards' output folders and checks that they make one build of `content`: one folder per
 * shard 1…n of the same n, none twice, every one built from this content (its hash) by this tool, no PDF in two of
 * them. Throws a refusal naming the folder otherwise. Returns the source of their PDFs, each checked against its page
 * key (the page this publish renders) and its sha256 when read.
 */
export async function readShards(dirs: readonly string[], content: string): Promise<PdfSource> {
  const expected = await contentHash(content);
  const tool = await toolIdentity();
  const shards: Array<{ dir: string; shard: Shard; record: ShardRecord }> = [];
  for (const dir of await expand(dirs)) {
    let text: string;
    try {
      text = await readFile(join(dir, SHARD_RECORD), 'utf8');
    } catch {
      throw refuse(`${dir} holds no ${SHARD_RECORD}: it is not the output folder of a sharded build.`, `Give publish --from the output folders of \`communique build --shard i/n --out DIR\`, one per shard.`);
    }
    let record: ShardRecord;
    try {
      record = JSON.parse(text) as ShardRecord;
    } catch {
      throw refuse(`${join(dir, SHARD_RECORD)} is not valid JSON.`, REBUILD);
    }
    const shard = typeof record.shard === 'string' ? parseShard(record.shard) : undefined;
    if (record.format !== FORMAT || !shard || typeof record.pdfs !== 'object' || record.pdfs === null) throw refuse(`${join(dir, SHARD_RECORD)} is not a shard record of this version of the tool.`, REBUILD);
    shards.push({ dir, shard, record });
  }
  const count = shards[0]!.shard.count;
  for (const { dir, shard } of shards) {
    if (shard.count !== count) throw refuse(`${dir} is shard ${shard.index}/${shard.count}, but ${shards[0]!.dir} is shard ${shards[0]!.shard.index}/${count}: the shards of one build are all "of ${count}".`, REBUILD);
  }
  for (let index = 1; index <= count; index++) {
    const same = shards.filter((s) => s.shard.index === index);
    if (same.length > 1) throw refuse(`Shard ${index}/${count} is given twice (${same.map((s) => s.dir).join(' and ')}): the shards would overlap.`, `Give each shard's folder once: ${count} folders, shards 1/${count} to ${count}/${count}.`);
    if (same.length === 0) throw refuse(`Shard ${index}/${count} is missing: the folders given hold shards ${shards.map((s) => s.shard.index).sort((a, b) => a - b).join(', ')} of ${count}, so its documents and sheets would be missing from the site.`, `Build it (\`communique build --shard ${index}/${count} --out DIR\`) and give its folder too.`);
  }
  for (const { dir, shard, record } of shards) {
    if (record.content !== expected) throw refuse(`Shard ${shard.index}/${count} (${dir}) was built from other content than ${content} (its content hash differs): merging it would publish pages that do not match.`, REBUILD);
    if (record.tool !== tool) throw refuse(`Shard ${shard.index}/${count} (${dir}) was built by another version of the tool (${record.tool}; this one is ${tool}).`, REBUILD);
  }
  const pdfs = new Map<string, { dir: string; shard: Shard; page: string; sha256: string }>();
  for (const { dir, shard, record } of shards) {
    for (const [path, entry] of Object.entries(record.pdfs)) {
      const other = pdfs.get(path);
      if (other) throw refuse(`${path} was built by two shards, ${other.shard.index}/${count} (${other.dir}) and ${shard.index}/${count} (${dir}): the shards overlap.`, REBUILD);
      pdfs.set(path, { dir, shard, ...entry });
    }
  }
  return {
    async get(path, page) {
      const entry = pdfs.get(path);
      if (!entry) throw refuse(`No shard built ${path}.`, REBUILD);
      const where = `shard ${entry.shard.index}/${count} (${entry.dir})`;
      if (entry.page !== page) throw refuse(`${path} of ${where} was printed from another page than the one publish renders now (another --now, SOURCE_DATE_EPOCH or template).`, `${REBUILD} Set the same SOURCE_DATE_EPOCH, and --now if an embargo is near, for every shard and for publish.`);
      let bytes: Buffer;
      try {
        bytes = await readFile(join(entry.dir, path));
      } catch {
        throw refuse(`${join(entry.dir, path)} is missing, though ${where} recorded it.`, 'Copy the whole output folder of each shard, following its links (`cp -rL`, `rsync -aL`).');
      }
      if (sha256(bytes) !== entry.sha256) throw refuse(`${join(entry.dir, path)} does not match the sha256 ${where} recorded: it changed after the build.`, REBUILD);
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
  };
}

/** The folders given, a folder without a record replaced by its sub-folders that have one (`--from shards/`). */
async function expand(dirs: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const dir of dirs) {
    if (existsSync(join(dir, SHARD_RECORD))) {
      found.push(dir);
      continue;
    }
    const inner = await readdir(dir, { withFileTypes: true }).catch(() => []);
    const shards = inner.filter((entry) => !entry.name.startsWith('.') && existsSync(join(dir, entry.name, SHARD_RECORD))).map((entry) => join(dir, entry.name)).sort();
    found.push(...(shards.length > 0 ? shards : [dir]));
  }
  return found;
}
