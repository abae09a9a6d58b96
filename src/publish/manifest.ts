import { createHash } from 'node:crypto';

/** One file of a published site with its size and sha256. */
export interface ManifestEntry {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

/** What a CMS needs to import one document in one language; its files are paths of the site. */
export interface ManifestDocument {
  readonly kind: 'release' | 'review' | 'collection';
  readonly lang: string;
  readonly title: string;
  /** The document's date, YYYY-MM-DD. */
  readonly date: string;
  /** When it became public (the end of its embargo, if any), an ISO instant. */
  readonly published: string;
  /** When a correction changed it, an ISO instant (absent until then). */
  readonly updated?: string;
  /** Its version, once published: 1, then one more for each correction. */
  readonly version?: number;
  /** The pages of its earlier versions, each with its PDF beside it (documents/<name>-v1.html). */
  readonly earlier?: readonly string[];
  readonly issuers: readonly string[];
  /** The row of a collection's sheet. */
  readonly row?: string;
  readonly embargoed: boolean;
  readonly html: string;
  readonly pdf: string;
  readonly fragment: string;
  /** The page of the same document in the other language. */
  readonly alternate: string | null;
}

/**
 * manifest.json: every document with its kind, language, title, date, issuers, alternate and files (each with its size
 * and sha256), then every file of the site (but itself), sorted by path, with its size and sha256.
 */
export function manifest(files: ReadonlyMap<string, Uint8Array | string>, documents: readonly ManifestDocument[] = []): string {
  const entry = (path: string): ManifestEntry => {
    const body = files.get(path)!;
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    return { path, size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
  };
  const entries = [...files.keys()].filter((path) => path !== 'manifest.json').sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map(entry);
  const byPath = new Map(entries.map((e) => [e.path, e]));
  const docs = [...documents]
    .sort((a, b) => (a.html < b.html ? -1 : 1))
    .map((doc) => ({ ...doc, files: [doc.html, doc.pdf, doc.fragment].filter((path) => byPath.has(path)).map((path) => byPath.get(path)!) }));
  return `${JSON.stringify({ documents: docs, files: entries }, null, 2)}\n`;
}
