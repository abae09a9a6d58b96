import { createHash } from 'node:crypto';

/** One file of a published site with its size and sha256. */
export interface ManifestEntry {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

/** manifest.json: every file of the site (but itself), sorted by path, with its size and sha256. */
export function manifest(files: ReadonlyMap<string, Uint8Array | string>): string {
  const entries: ManifestEntry[] = [...files.entries()]
    .map(([path, body]) => {
      const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
      return { path, size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return `${JSON.stringify({ files: entries }, null, 2)}\n`;
}
