import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import Handlebars from 'handlebars';
import { CommuniqueError } from '../core/errors.js';
import type { Project } from '../load/project.js';
import { SLUG } from '../core/slug.js';

/** What `communique new` creates: the kind of document and its slug. */
export interface ScaffoldRequest {
  readonly kind: 'release' | 'review';
  readonly slug: string;
  /** The content folder. */
  readonly content: string;
  /** The templates folder holding scaffold/<kind>/. */
  readonly templates: string;
  /** The date written into the new document (YYYY-MM-DD). */
  readonly date: string;
  /** The loaded project, to fill in existing ids; undefined when the content does not load. */
  readonly project: Project | undefined;
}

/** Creates releases/<slug>/ or reviews/<slug>/ from the commented scaffold; refuses to overwrite anything. Returns the files written. */
export async function scaffold(request: ScaffoldRequest): Promise<string[]> {
  if (!SLUG.test(request.slug)) {
    throw new CommuniqueError('BadSlug', `"${request.slug}" cannot name a document: it is used in URLs and file names.`, 'Use lowercase letters, digits and "-" only, e.g. "bilan-2025".', { exitCode: 2 });
  }
  const dir = join(request.content, `${request.kind}s`, request.slug);
  if (existsSync(dir)) {
    throw new CommuniqueError('AlreadyExists', `${relative(process.cwd(), dir) || dir} already exists: nothing was written.`, 'Choose another slug, or edit the existing document.', { exitCode: 1 });
  }
  // A slug names one document whatever its kind (rule duplicate-slug).
  const taken = ['releases', 'reviews', 'collections'].map((folder) => join(request.content, folder, request.slug)).find((other) => existsSync(other));
  if (taken) {
    throw new CommuniqueError('AlreadyExists', `${relative(process.cwd(), taken) || taken} already has the name "${request.slug}": a slug names one document, whatever its kind. Nothing was written.`, 'Choose another slug.', { exitCode: 1 });
  }
  const source = join(request.templates, 'scaffold', request.kind);
  const first = (map: ReadonlyMap<string, unknown> | undefined) => (map ? [...map.keys()][0] : undefined);
  const project = request.project;
  const issuer = first(project?.organisations) ?? 'organisation_id';
  const contact = first(project?.contacts) ?? 'contact_id';
  const context = {
    slug: request.slug,
    date: request.date,
    schemaPath: '../../schemas',
    issuers: issuer,
    contacts: contact,
    footerContact: contact,
    about: project?.organisations.get(issuer)?.about ? issuer : '',
  };
  const staging = `${dir}.tmp-${process.pid}`;
  const written: string[] = [];
  try {
    await mkdir(staging, { recursive: true });
    const entries = await readdir(source, { recursive: true, withFileTypes: true });
    for (const entry of entries.filter((e) => e.isFile() && e.name.endsWith('.hbs'))) {
      const relativePath = relative(source, join(entry.parentPath, entry.name));
      const template = Handlebars.compile(await readFile(join(source, relativePath), 'utf8'), { strict: true, noEscape: true });
      const target = relativePath.slice(0, -'.hbs'.length);
      await mkdir(join(staging, dirname(target)), { recursive: true });
      await writeFile(join(staging, target), template(context));
      written.push(join(dir, target));
    }
    await rename(staging, dir);
  } catch (cause) {
    await rm(staging, { recursive: true, force: true });
    if (cause instanceof CommuniqueError) throw cause;
    throw new CommuniqueError('OutputNotWritable', `Cannot create ${dir}: ${(cause as Error).message}`, 'Check that the content folder is writable.', { cause });
  }
  return written.sort();
}
