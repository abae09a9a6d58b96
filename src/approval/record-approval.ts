import { readFile } from 'node:fs/promises';
import { writeAtomically } from '../output/write-atomically.js';
import { Document } from 'yaml';
import type { Lang } from '../locale/lang.js';
import { closest } from '../core/edit-distance.js';
import type { Project } from '../load/project.js';
import type { ApprovalRecordData } from '../load/approval-schema.js';
import type { LoadedApprovals } from './load-approvals.js';
import { combinedCode } from './normalise-quote.js';
import { quoteStatuses, statusKey } from './quote-status.js';

/** What `communique approve` asks for. */
export interface ApprovalRequest {
  readonly quote: string;
  readonly langs: readonly Lang[];
  /** The approving cabinet's contact id. */
  readonly by: string;
  /** The day of the approval, YYYY-MM-DD. */
  readonly on: string;
  /** The code read in the packet: one per language (comma-separated), or the combined code of the languages. */
  readonly code: string;
  /** Who at the cabinet approved ("Name, role"). */
  readonly approver: string;
  /** The evidence of their answer (an e-mail's Message-ID, a file's sha256…). */
  readonly evidence: string;
  readonly note?: string;
}

/** An approval that cannot be recorded, with the reason to show. */
export class ApprovalRefused extends Error {
  override readonly name = 'ApprovalRefused';
}

const HEADER = `# Approvals of quotes by ministers' cabinets, appended by \`communique approve\`; never edit by hand.
# Each record binds a cabinet's approval to the exact words (sha256 of their normalised form) in one language.
`;

/** Checks an approval against the current words and appends its records to approvals.yaml; refuses anything else. */
export async function recordApproval(project: Project, approvals: LoadedApprovals, request: ApprovalRequest): Promise<ApprovalRecordData[]> {
  const quote = project.quotes.get(request.quote);
  if (!quote) {
    const guess = closest(request.quote, [...project.quotes.keys()]);
    throw new ApprovalRefused(`Unknown quote "${request.quote}": expected an id of data/quotes.yaml${guess ? ` (did you mean "${guess}"?)` : ''}.`);
  }
  const cabinet = project.people.get(quote.speaker)?.cabinet;
  if (!project.contacts.has(request.by)) {
    const guess = closest(request.by, [...project.contacts.keys()]);
    throw new ApprovalRefused(`Unknown cabinet "${request.by}": expected a contact id of data/contacts.yaml${guess ? ` (did you mean "${guess}"?)` : ''}.`);
  }
  if (cabinet !== request.by) {
    throw new ApprovalRefused(`"${request.by}" cannot approve "${request.quote}": the words of ${project.people.get(quote.speaker)?.name ?? quote.speaker} are approved by ${cabinet ? `"${cabinet}"` : 'no cabinet (add one to data/people.yaml)'}.`);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(request.on) || Number.isNaN(Date.parse(`${request.on}T00:00:00Z`))) {
    throw new ApprovalRefused(`Invalid date "${request.on}": expected YYYY-MM-DD.`);
  }

  const statuses = quoteStatuses(project, approvals.records);
  const current = request.langs.map((lang) => statuses.get(statusKey(quote.id, lang))!);
  const codes = request.code.toUpperCase().split(',').map((c) => c.trim());
  const expected = codes.length === 1 && current.length > 1 ? [combinedCode(current.map((s) => s.hash))] : current.map((s) => s.code);
  if (codes.length !== expected.length || codes.some((c, i) => c !== expected[i])) {
    const known = approvals.records.find((r) => r.quote === quote.id && codes.includes(r.sha256.slice(0, 8).toUpperCase()));
    const detail = known
      ? ` It is the code of the words approved on ${known.on} (${known.lang}), which have changed since: send the cabinet the new packet.`
      : ' It matches no version of these words: check the code, or send the cabinet the latest packet (`communique packet`).';
    const wanted = current.map((s) => `${s.lang} ${s.code}`).join(', ');
    throw new ApprovalRefused(`The code ${request.code} does not approve the current words of "${quote.id}" (${wanted}${current.length > 1 ? `; both: ${combinedCode(current.map((s) => s.hash))}` : ''}).${detail}`);
  }
  const done = current.filter((s) => s.status === 'approved');
  if (done.length > 0) {
    throw new ApprovalRefused(done.map((s) => `"${quote.id}" (${s.lang}) is already approved, these very words, on ${s.record!.on} by ${s.record!.by}.`).join(' ') + ' Nothing to record.');
  }

  const records: ApprovalRecordData[] = current.map((s) => ({
    quote: quote.id,
    lang: s.lang,
    sha256: s.hash,
    text: quote.text[s.lang],
    by: request.by,
    on: request.on,
    approver: request.approver,
    evidence: request.evidence,
    ...(request.note ? { note: request.note } : {}),
  }));
  let before = HEADER;
  try {
    before = await readFile(approvals.path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const addition = new Document(records).toString({ lineWidth: 0 });
  const text = `${before.endsWith('\n') ? before : `${before}\n`}\n${addition}`;
  await writeAtomically(approvals.path, text);
  return records;
}
