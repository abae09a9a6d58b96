import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { VFile } from 'vfile';
import type { Lang } from '../locale/lang.js';
import { unknownId } from '../core/messages.js';
import type { Source } from '../load/place.js';
import type { Project } from '../load/project.js';
import { readYaml } from '../load/read-yaml.js';
import { approvalsSchema, type ApprovalRecordData } from '../load/approval-schema.js';
import { quoteHash } from './normalise-quote.js';
import type { RuleId } from '../core/rules.js';
import { fail as failOn } from '../core/messages.js';

/** An approval record with where it stands in approvals.yaml. */
export type ApprovalRecord = ApprovalRecordData & { readonly lang: Lang; readonly source: Source };

/** The approval records of a content folder and the file that carries their messages. */
export interface LoadedApprovals {
  readonly file: VFile;
  readonly records: readonly ApprovalRecord[];
  /** Path of approvals.yaml (it may not exist yet). */
  readonly path: string;
}

/** Reads content/approvals.yaml: each record's hash must be that of its words, its quote and cabinet must exist. */
export async function loadApprovals(root: string, project: Project): Promise<LoadedApprovals> {
  const path = join(root, 'approvals.yaml');
  const shown = relative(process.cwd(), path) || path;
  if (!existsSync(path)) return { file: new VFile({ path: shown }), records: [], path };
  const yaml = await readYaml(path, shown);
  const file = yaml.file;
  const fail = (reason: string, ruleId: RuleId, at: Array<string | number>) => {
    failOn(file, reason, ruleId, yaml.locate(at));
  };
  if (yaml.data === undefined && file.messages.some((m) => m.fatal)) return { file, records: [], path };
  const parsed = approvalsSchema.safeParse(yaml.data ?? []);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const at = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      fail(`Invalid approval record${at.length ? ` at "${at.join('.')}"` : ''}: ${issue.message}. Records are written by \`communique approve\`; restore the file from version control.`, 'approval-record', at);
    }
    return { file, records: [], path };
  }
  const records: ApprovalRecord[] = [];
  parsed.data.forEach((record, index) => {
    if (quoteHash(record.text) !== record.sha256) {
      fail(`The hash of record ${index + 1} does not match its words: the record was edited by hand. Restore it from version control; approvals are only recorded by \`communique approve\`.`, 'approval-record', [index, 'sha256']);
      return;
    }
    if (!project.contacts.has(record.by)) {
      fail(unknownId(record.by, 'cabinet contact', project.contacts, 'data/contacts.yaml'), 'unknown-id', [index, 'by']);
      return;
    }
    const quote = project.quotes.get(record.quote);
    const cabinet = quote ? project.people.get(quote.speaker)?.cabinet : undefined;
    if (quote && cabinet !== record.by) {
      fail(`Record ${index + 1} is signed by "${record.by}", but the quote "${record.quote}" is ${cabinet ? `approved by "${cabinet}"` : 'by a speaker with no cabinet'}: only the speaker's cabinet approves its words.`, 'approval-record', [index, 'by']);
      return;
    }
    records.push({ ...record, source: { file: file.path, ...optionalPosition(yaml.locate([index])) } });
  });
  return { file, records, path };
}

function optionalPosition<T>(position: T | undefined): { position?: T } {
  return position ? { position } : {};
}
