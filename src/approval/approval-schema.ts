import { z } from 'zod';
import { idSchema, isoDateSchema } from '../load/schema.js';

/** One record of content/approvals.yaml: a cabinet approved these exact words of a quote in one language. */
export const approvalRecordSchema = z.strictObject({
  quote: idSchema,
  lang: z.enum(['fr', 'en']),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'the 64 hex digits of the sha256 of the approved words'),
  text: z.string().min(1, 'the approved words'),
  by: idSchema,
  on: isoDateSchema,
  note: z.string().min(1).optional(),
});

/** content/approvals.yaml: a list of records, only ever appended to. */
export const approvalsSchema = z.array(approvalRecordSchema);

export type ApprovalRecordData = z.infer<typeof approvalRecordSchema>;
