import { fileURLToPath } from 'node:url';
import type { Root } from 'hast';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/load/load-project.js';
import type { Collection, Project } from '../../src/load/project.js';
import { createDocumentProcessor } from '../../src/mdx/create-document-processor.js';
import { createTemplates, DEFAULT_TEMPLATES, type Templates } from '../../src/render/create-templates.js';
import { renderSheet } from '../../src/render/render-sheet.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/collection/', import.meta.url));

let project: Project;
let templates: Templates;
let collection: Collection;
let body: Root;

beforeAll(async () => {
  project = (await loadProject(FIXTURE)).project!;
  templates = await createTemplates(DEFAULT_TEMPLATES);
  collection = project.documents.find((d): d is Collection => d.kind === 'collection')!;
  const processed = await createDocumentProcessor(project, templates)(collection.parts[0]!.bodies.fr!, collection);
  expect(processed.file.messages.map(String)).toEqual([]);
  body = processed.tree!;
});

/** The paragraph of a sheet's page, its no-break spaces as spaces. */
const paragraph = (html: string) => /<p>Le territoire[\s\S]*?<\/p>/.exec(html)?.[0].replace(/[\u00A0\u202F]/g, ' ');

describe('renderSheet', () => {
  it('should write each field of the body with the value of the sheet’s row, formatted as the <Field /> asks', () => {
    const [alpha, beta] = collection.rows;
    const first = paragraph(renderSheet(project, templates, collection, alpha!, 'fr', body).html)!;
    expect(first).toContain('<span class="field field--translated" data-field="nom">Val d’Alpha</span>');
    expect(first).toContain('<span class="field field--count" data-field="emplois">20 060</span>');
    expect(first).toContain('data-field="budget">13,1 millions d’euros</span>');
    expect(first).not.toContain('communique-field');
    const second = paragraph(renderSheet(project, templates, collection, beta!, 'fr', body).html)!;
    expect(second).toContain('data-field="emplois">1 250</span>');
    expect(second).not.toContain('Alpha');
  });

  it('should leave the processed body as it is, for the sheets of the other rows', () => {
    const before = structuredClone(body);
    for (const row of collection.rows) renderSheet(project, templates, collection, row, 'en', body);
    expect(body).toEqual(before);
  });
});
