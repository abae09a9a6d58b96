import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { ApprovalRefused, recordApproval } from '../../approval/record-approval.js';
import { dayInParis } from '../../locale/format-date.js';
import { LANGS, type Lang } from '../../locale/lang.js';
import { CONTENT_OPTION, EXIT, UsageError, type Command } from '../command.js';
import { loadWithApprovals } from './approvals.js';
import { SUMMARIES } from '../summaries.js';

/**
 * The evidence of a cabinet's answer, from --evidence or --evidence-file (a file's sha256 and name). The packet's code
 * proves only that the words are unchanged; the evidence is what shows the cabinet answered.
 */
async function evidenceOf(text: unknown, file: unknown): Promise<string> {
  if (typeof text === 'string' && text.trim() !== '' && file === undefined) return text.trim();
  if (typeof file === 'string' && file !== '' && text === undefined) {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      throw new UsageError(`--evidence-file ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.`);
    }
    return `sha256:${createHash('sha256').update(bytes).digest('hex')} (${basename(file)})`;
  }
  throw new UsageError('give the evidence of the cabinet\'s answer, once: --evidence "<Message-ID of their e-mail>" or --evidence-file reply.eml.');
}

/** `communique approve`: records a cabinet's approval of a quote's exact words, given the code of its packet. */
export const approveCommand: Command = {
  name: 'approve',
  summary: SUMMARIES.approve,
  usage: 'communique approve <quote-id> --lang fr,en --by <cabinet-id> --code XXXXXXXX --approver "NAME, ROLE" (--evidence TEXT | --evidence-file FILE) [--on YYYY-MM-DD] [--note TEXT] [--content DIR]',
  options: { ...CONTENT_OPTION, lang: { type: 'string' }, by: { type: 'string' }, code: { type: 'string' }, approver: { type: 'string' }, evidence: { type: 'string' }, 'evidence-file': { type: 'string' }, on: { type: 'string' }, note: { type: 'string' } },
  positionals: true,
  help: [
    '<quote-id>      the quote (an id of data/quotes.yaml)',
    '--lang fr,en    the languages approved (fr, en or both)',
    '--by ID         the approving cabinet (its contact id)',
    '--code CODE     the code the cabinet read in its packet: one per language ("A1B2C3D4,E5F6A7B8") or the code for both',
    '--approver TEXT who at the cabinet approved: "Name, role"',
    '--evidence TEXT the evidence of their answer: the Message-ID of their e-mail, a reference…',
    '--evidence-file FILE  or the answer itself (a saved e-mail, a signed PDF): its sha256 and name are recorded',
    '--on DATE       the day of the approval (default: today in Paris)',
    '--note TEXT     a note kept with the record',
    '--content DIR   the content folder (default: content)',
  ],
  async run(values, positionals, io) {
    const [quote, ...extra] = positionals;
    if (quote === undefined || extra.length > 0) throw new UsageError('expected one quote id, e.g. `communique approve ferracci_bilan --lang fr,en --by cabinet_ferracci --code …`.');
    const langs = String(values['lang'] ?? '').split(',').map((l) => l.trim()).filter(Boolean);
    if (langs.length === 0 || langs.some((l) => !LANGS.includes(l as Lang)) || new Set(langs).size !== langs.length) {
      throw new UsageError(`--lang must list languages among ${LANGS.join(', ')}, e.g. --lang fr,en (found "${String(values['lang'] ?? '')}").`);
    }
    for (const name of ['by', 'code', 'approver'] as const) if (typeof values[name] !== 'string' || values[name] === '') throw new UsageError(`--${name} is required.`);
    const evidence = await evidenceOf(values['evidence'], values['evidence-file']);

    const loaded = await loadWithApprovals(String(values['content']), io);
    if (!loaded) return EXIT.content;
    const { project, approvals } = loaded;
    try {
      const records = await recordApproval(project, approvals, {
        quote,
        langs: langs as Lang[],
        by: String(values['by']),
        code: String(values['code']),
        approver: String(values['approver']),
        evidence,
        on: typeof values['on'] === 'string' ? values['on'] : dayInParis(new Date()),
        ...(typeof values['note'] === 'string' ? { note: values['note'] } : {}),
      });
      io.out(`Recorded in ${approvals.path}: ${records.map((r) => `"${r.quote}" (${r.lang}) approved by ${r.by} on ${r.on}`).join('; ')}.\n`);
      return EXIT.ok;
    } catch (error) {
      if (!(error instanceof ApprovalRefused)) throw error;
      io.err(`communique approve: refused: ${error.message}\nNothing was written.\n`);
      return EXIT.content;
    }
  },
};
