import { z } from 'zod';
import { approvalsSchema } from './approval-schema.js';
import { collectionSchema, dataSchemas, projectSettingsSchema, releaseSchema, reviewSchema, siteSchema } from './schema.js';

/** The file name of each JSON Schema and the zod schema it is generated from. */
const SOURCES: Readonly<Record<string, { schema: z.ZodType; title: string }>> = {
  ...Object.fromEntries(
    Object.entries(dataSchemas).map(([name, schema]) => [`${name}.schema.json`, { schema, title: `communiqué: data/${name}.yaml` }]),
  ),
  'release.schema.json': { schema: releaseSchema, title: 'communiqué: releases/<slug>/release.yaml' },
  'review.schema.json': { schema: reviewSchema, title: 'communiqué: reviews/<slug>/review.yaml' },
  'collection.schema.json': { schema: collectionSchema, title: 'communiqué: collections/<slug>/collection.yaml' },
  'approvals.schema.json': { schema: approvalsSchema, title: 'communiqué: approvals.yaml' },
  'settings.schema.json': { schema: projectSettingsSchema, title: 'communiqué: communique.yaml' },
  'site.schema.json': { schema: siteSchema, title: 'communiqué: site.yaml' },
};

/** JSON Schemas (draft-07, for editors' YAML language servers) of every content file, by file name, as text. */
export function jsonSchemas(): Map<string, string> {
  const schemas = new Map<string, string>();
  for (const [name, { schema, title }] of Object.entries(SOURCES)) {
    const json = z.toJSONSchema(schema, { target: 'draft-7', io: 'input', unrepresentable: 'any' });
    schemas.set(name, `${JSON.stringify({ title, ...json }, null, 2)}\n`);
  }
  return schemas;
}
