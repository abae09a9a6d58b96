import { loadApprovals, type LoadedApprovals } from '../../approval/load-approvals.js';
import { quoteStatuses } from '../../approval/quote-status.js';
import { loadProject } from '../../load/load-project.js';
import type { Project } from '../../load/project.js';
import { hasErrors } from '../../pipeline/render-project.js';
import { CONTENT_OPTION, EXIT, printMessages, UsageError, type Command, type Io } from '../command.js';
import { SUMMARIES } from '../summaries.js';

/** `communique approvals`: where each quote stands with its cabinet, per language. */
export const approvalsCommand: Command = {
  name: 'approvals',
  summary: SUMMARIES.approvals,
  usage: 'communique approvals [--cabinet ID] [--content DIR] [--format human|json]',
  options: { ...CONTENT_OPTION, cabinet: { type: 'string' }, format: { type: 'string', default: 'human' } },
  help: [
    '--cabinet ID    only the quotes this cabinet approves (a contact id of data/contacts.yaml)',
    '--content DIR   the content folder (default: content)',
    '--format json   print the table as JSON on stdout',
  ],
  async run(values, _, io) {
    const loaded = await loadWithApprovals(String(values['content']), io);
    if (!loaded) return EXIT.content;
    const { project, approvals } = loaded;
    const cabinet = values['cabinet'] as string | undefined;
    if (cabinet !== undefined) checkCabinet(project, cabinet);
    const rows = [...quoteStatuses(project, approvals.records).values()]
      .filter((s) => cabinet === undefined || s.cabinet === cabinet)
      .map((s) => ({
        quote: s.quote,
        lang: s.lang,
        status: s.status,
        code: s.code,
        cabinet: s.cabinet ?? '',
        approvedBy: s.status === 'approved' ? s.record!.by : '',
        approvedOn: s.status === 'approved' ? s.record!.on : s.status === 'stale' ? `(last ${s.record!.on})` : '',
        approver: s.status === 'approved' ? (s.record!.approver ?? '') : '',
        evidence: s.status === 'approved' ? (s.record!.evidence ?? '') : '',
      }));
    if (values['format'] === 'json') {
      io.out(`${JSON.stringify(rows, null, 2)}\n`);
      return EXIT.ok;
    }
    const header = { quote: 'QUOTE', lang: 'LANG', status: 'STATUS', code: 'CODE', cabinet: 'CABINET', approvedBy: 'APPROVED BY', approvedOn: 'ON', approver: 'APPROVER', evidence: 'EVIDENCE' };
    const keys = Object.keys(header) as Array<keyof typeof header>;
    const widths = keys.map((k) => Math.max(header[k].length, ...rows.map((r) => r[k].length)));
    const line = (r: typeof header) => keys.map((k, i) => r[k].padEnd(widths[i]!)).join('  ').trimEnd();
    io.out(`${[line(header), ...rows.map(line)].join('\n')}\n`);
    const open = rows.filter((r) => r.status !== 'approved').length;
    io.out(open === 0 ? `All ${rows.length} quote versions are approved.\n` : `${open} of ${rows.length} quote versions await approval: send \`communique packet <cabinet>\` to their cabinet.\n`);
    return EXIT.ok;
  },
};

/** The project and its approvals, or undefined after printing why they cannot be loaded. */
export async function loadWithApprovals(content: string, io: Io): Promise<{ project: Project; approvals: LoadedApprovals } | undefined> {
  const { project, files } = await loadProject(content);
  if (!project || hasErrors(files)) {
    printMessages(files, io, { quiet: true });
    return undefined;
  }
  const approvals = await loadApprovals(content, project);
  if (hasErrors([approvals.file])) {
    printMessages([approvals.file], io);
    io.err('communique: approvals.yaml has errors; nothing was recorded or listed. Restore it from version control.\n');
    return undefined;
  }
  return { project, approvals };
}

/** Refuses a cabinet id that approves no quote. */
export function checkCabinet(project: Project, cabinet: string): void {
  const cabinets = [...new Set([...project.people.values()].flatMap((p) => (p.cabinet ? [p.cabinet] : [])))];
  if (!cabinets.includes(cabinet)) {
    throw new UsageError(`"${cabinet}" is not the cabinet of anyone quoted: expected one of ${cabinets.join(', ') || '(none: add `cabinet:` to data/people.yaml)'}.`);
  }
}
