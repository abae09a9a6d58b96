import { LANGS, type Lang } from '../locale/lang.js';
import type { Project } from '../load/project.js';
import type { ApprovalRecord } from './load-approvals.js';
import { approvalCode, quoteHash } from './normalise-quote.js';

/** Where a quote in one language stands with its cabinet. */
export interface QuoteStatus {
  readonly quote: string;
  readonly lang: Lang;
  /** approved: its current words have a record; pending: never approved; stale: approved once, changed since. */
  readonly status: 'approved' | 'pending' | 'stale';
  readonly hash: string;
  /** The code the cabinet gives back to approve the current words. */
  readonly code: string;
  /** The cabinet (contact id) that approves it, if the speaker has one. */
  readonly cabinet: string | undefined;
  /** The record that approves the current words (approved), or the last one recorded (stale). */
  readonly record: ApprovalRecord | undefined;
}

/** The key of a quote in one language in a status map. */
export const statusKey = (quote: string, lang: Lang): string => `${quote}:${lang}`;

/** The approval status of every quote in every language. */
export function quoteStatuses(project: Project, records: readonly ApprovalRecord[]): Map<string, QuoteStatus> {
  const statuses = new Map<string, QuoteStatus>();
  for (const quote of project.quotes.values()) {
    for (const lang of LANGS) {
      const hash = quoteHash(quote.text[lang]);
      const own = records.filter((r) => r.quote === quote.id && r.lang === lang);
      const match = own.findLast((r) => r.sha256 === hash);
      statuses.set(statusKey(quote.id, lang), {
        quote: quote.id,
        lang,
        status: match ? 'approved' : own.length > 0 ? 'stale' : 'pending',
        hash,
        code: approvalCode(hash),
        cabinet: project.people.get(quote.speaker)?.cabinet,
        record: match ?? own.at(-1),
      });
    }
  }
  return statuses;
}
