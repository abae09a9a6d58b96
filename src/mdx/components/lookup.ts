import { unknownId } from '../../core/messages.js';
import type { RenderContext } from '../component.js';

/** Finds the entry `id` of a data table, or reports an unknown-id error naming the file to look in. */
export function lookup<T>(context: RenderContext, table: ReadonlyMap<string, T>, id: string, what: string, file: string): T | undefined {
  const entry = table.get(id);
  if (!entry) context.error(unknownId(id, what, table, file), 'unknown-id');
  return entry;
}
