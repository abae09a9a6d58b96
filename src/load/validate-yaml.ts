import type { z } from 'zod';
import { fail } from '../core/messages.js';
import type { YamlSource } from './read-yaml.js';

// How a YAML file that does not fit its schema is reported: each zod issue becomes a message a press officer can act
// on, at the place of the value (or of the key) in the file.

/** Validates a parsed YAML file against its schema; each issue becomes a message at its place. */
export function validate<S extends z.ZodType>(yaml: YamlSource, schema: S): z.infer<S> | undefined {
  if (yaml.data === undefined && yaml.file.messages.some((m) => m.fatal)) return undefined;
  const result = schema.safeParse(yaml.data ?? {}, { reportInput: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const place =
      issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined
        ? yaml.locateKey([...path, issue.keys[0]])
        : issue.code === 'invalid_key'
          ? yaml.locateKey(path)
          : yaml.locate(path);
    const upper = issue.code === 'unrecognized_keys' ? unIndentHint(yaml, schema, path, issue.keys) : undefined;
    fail(yaml.file, upper ?? describeIssue(issue, path), 'schema', place);
  }
  return undefined;
}

/**
 * The message for unknown keys that are all keys of the mapping one level up ("cabinet" under
 * "christophe_bechu.role"): they are indented one level too deep; undefined otherwise.
 */
function unIndentHint(yaml: YamlSource, schema: z.ZodType, path: Array<string | number>, keys: readonly string[]): string | undefined {
  if (path.length === 0) return undefined;
  const parent = keysAt(schema, path.slice(0, -1));
  const valid = keys.filter((key) => parent?.has(key));
  if (valid.length === 0 || valid.length < keys.length) return undefined;
  const under = yaml.locateKey(path);
  const column = under ? ` to column ${under.start.column}` : '';
  const names = valid.map((k) => `"${k}"`).join(', ');
  const where = path.length > 1 ? `"${path.slice(0, -1).join('.')}"` : 'the top level';
  const plural = valid.length > 1;
  return `Unknown key${plural ? 's' : ''} ${names} in "${path.join('.')}": ${names} ${plural ? 'are keys' : 'is a key'} of ${where}, one level up, so ${plural ? 'they are' : 'it is'} indented one level too deep. Un-indent ${plural ? 'them' : 'it'}${column}, in line with "${String(path.at(-1))}".`;
}

/** The keys the schema accepts in the mapping at `path`, when it is a mapping of known keys. */
function keysAt(schema: z.ZodType, path: ReadonlyArray<string | number>): Set<string> | undefined {
  let current: z.core.$ZodType | undefined = schema;
  const unwrap = (type: z.core.$ZodType | undefined): z.core.$ZodType | undefined => {
    let t = type;
    while (t && ['optional', 'default', 'nullable', 'readonly'].includes(t._zod.def.type)) t = (t._zod.def as unknown as { innerType: z.core.$ZodType }).innerType;
    return t;
  };
  for (const step of path) {
    current = unwrap(current);
    if (!current) return undefined;
    const def = current._zod.def as unknown as { type: string; shape?: Record<string, z.core.$ZodType>; valueType?: z.core.$ZodType; element?: z.core.$ZodType };
    if (def.type === 'object') current = def.shape?.[String(step)];
    else if (def.type === 'record') current = def.valueType;
    else if (def.type === 'array') current = def.element;
    else return undefined;
  }
  const def = unwrap(current)?._zod.def as unknown as { type: string; shape?: Record<string, unknown> } | undefined;
  return def?.type === 'object' && def.shape ? new Set(Object.keys(def.shape)) : undefined;
}

function describeIssue(issue: z.core.$ZodIssue, path: Array<string | number>): string {
  const where = path.length > 0 ? `"${path.join('.')}"` : 'this file';
  switch (issue.code) {
    case 'unrecognized_keys':
      return `Unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} in ${where}: remove ${issue.keys.length > 1 ? 'them' : 'it'} or check the spelling.`;
    case 'invalid_type':
      return issue.input === undefined
        ? `Missing ${where}: expected ${expected(issue)}. Add it.`
        : `Wrong value for ${where}: expected ${expected(issue)}, found ${found(issue.input)}.${issue.expected === 'string' && typeof issue.input === 'number' ? ' Write it in quotes ("07 62 61 50 25"), or YAML reads it as a number and drops its leading zeros.' : ''}`;
    case 'invalid_value':
      return `Wrong value for ${where}: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, found ${found(issue.input)}.`;
    case 'invalid_key':
      return `Invalid id ${JSON.stringify(path.at(-1) ?? '')}: expected ${issue.issues[0]?.message ?? 'a valid id'}.`;
    case 'custom':
      if (issue.params?.['unexpected'] === true) return `Unexpected ${where}: ${issue.message}.`;
      if (issue.input === undefined) return `Missing ${where}: expected ${issue.message}. Add it.`;
      return `Wrong value for ${where}: expected ${issue.message}, found ${found(issue.input)}.`;
    default:
      return `Wrong value for ${where}: expected ${issue.message}, found ${found(issue.input)}.`;
  }
}

function expected(issue: z.core.$ZodIssueInvalidType): string {
  if (!issue.message.startsWith('Invalid input')) return issue.message;
  const names: Record<string, string> = { string: 'a text', number: 'a number', array: 'a list', object: 'a mapping (key: value lines)', boolean: 'true or false' };
  return names[issue.expected] ?? issue.expected;
}

function found(input: unknown): string {
  if (input === null) return 'an empty value';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a mapping';
  if (typeof input === 'string') return `the text ${JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input)}`;
  return `${typeof input} ${String(input)}`;
}
