import { z } from 'zod';
import { idSchema, isoDateSchema } from './schema.js';

/** One record of content/approvals.yaml: a cabinet approved these exact words of a quote in one language. */
export const approvalRecordSchema = z.strictObject({
  quote: idSchema,
  lang: z.enum(['fr', 'en']),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'the 64 hex digits of the sha256 of the approved words'),
  text: z.string().min(1, 'the approved words'),
  by: idSchema,
  on: isoDateSchema,
  /** Who at the cabinet approved, e.g. "Jeanne Martin, conseillère presse". */
  approver: z.string().min(1).optional(),
  /** Evidence of the cabinet's answer: the e-mail's Message-ID, a file's sha256… */
  evidence: z.string().min(1).optional(),
  note: z.string().min(1).optional(),
});

/** content/approvals.yaml: a list of records, only ever appended to. */
export const approvalsSchema = z.array(approvalRecordSchema);

export type ApprovalRecordData = z.infer<typeof approvalRecordSchema>;
