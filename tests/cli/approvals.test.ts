import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyContent, pdfInfo, pdfText, ROOT, runCli, tempDir } from '../helpers/cli.js';

const MINIMAL = join(ROOT, 'tests', 'fixtures', 'minimal');

/** Who at the cabinet answered, and the evidence of the answer. */
const WHO = ['--approver', 'Claire Dubois, conseillère presse', '--evidence', '<CAFE1234@cabinets.industrie.gouv.fr>'];

/** The code a cabinet reads in its packet for both languages. */
function codeInPacket(text: string): string {
  const match = /Code pour valider les deux langues à la fois : ([0-9A-F]{8})/.exec(text);
  if (!match) throw new Error(`no code in the packet: ${text.slice(0, 200)}`);
  return match[1]!;
}

/** The code of one language in the packet's HTML, in order fr then en. */
function codesByLanguage(html: string): string[] {
  return [...html.matchAll(/code de validation <code class="packet__code">([0-9A-F]{8})<\/code>/g)].map((m) => m[1]!);
}

describe('the approval cycle of a quote, through the CLI', () => {
  let content: string;
  let out: string;
  const approvals = () => runCli(['approvals', '--content', content, '--format', 'json']).then((r) => JSON.parse(r.stdout) as Array<{ quote: string; lang: string; status: string }>);
  const statusOf = async (lang: string) => (await approvals()).find((r) => r.quote === 'ferracci_bilan' && r.lang === lang)?.status;
  const approvalsFile = () => join(content, 'approvals.yaml');

  beforeAll(async () => {
    content = await copyContent(MINIMAL);
    out = await tempDir();
    expect((await runCli(['translated', 'demo', 'en', '--content', content])).code).toBe(0);
  });

  it('should start pending, stamped as a draft with a watermark on every PDF page', async () => {
    expect(await statusOf('fr')).toBe('pending');
    expect(await statusOf('en')).toBe('pending');
    const built = await runCli(['build', '--content', content, '--out', out]);
    expect(built.code).toBe(0);
    const html = await readFile(join(out, 'communiques', 'demo', 'fr.html'), 'utf8');
    expect(html).toContain('PROJET — citation en attente de validation');
    const pdf = join(out, 'communiques', 'demo', 'en.pdf');
    const pages = Number(pdfInfo(pdf)['Pages']);
    for (let page = 1; page <= pages; page++) expect(pdfText(pdf, page, { raw: true })).toContain('PROJET / DRAFT'); // rotated: read in drawing order
    expect(pdfText(pdf)).toContain('DRAFT — QUOTE PENDING APPROVAL'); // set in capitals by the stylesheet
  });

  it('should refuse a final build, naming the quote and the cabinet to ask', async () => {
    const final = await runCli(['build', '--final', '--no-pdf', '--content', content, '--out', join(out, 'final')]);
    expect(final.code).toBe(1);
    expect(final.stderr).toMatch(/fr\.mdx\n\s*9:1-9:30\s+error\s+The quote "ferracci_bilan" \(fr\) is not approved yet.*Cabinet de Marc Ferracci.*quote-not-approved/);
    expect(existsSync(join(out, 'final'))).toBe(false);
  });

  it('should write a packet with the words in both languages and refuse a wrong code, leaving approvals.yaml untouched', async () => {
    const packet = await runCli(['packet', 'cabinet_ferracci', '--content', content, '--out', out]);
    expect(packet.code).toBe(0);
    const text = pdfText(join(out, 'approvals', 'cabinet_ferracci.pdf'));
    expect(text).toContain('Nous avons besoin des territoires');
    expect(text).toContain('We need the territories');
    expect(text).toContain('En attente');
    for (const [args, reason] of [
      [['--code', 'DEADBEEF', '--by', 'cabinet_ferracci'], /matches no version/],
      [['--code', codeInPacket(text), '--by', 'anct_presse'], /"anct_presse" cannot approve "ferracci_bilan"/],
      [['--code', codeInPacket(text), '--by', 'cabinet_nobody'], /Unknown cabinet "cabinet_nobody"/],
    ] as const) {
      const run = await runCli(['approve', 'ferracci_bilan', '--lang', 'fr,en', ...args, ...WHO, '--on', '2025-03-18', '--content', content]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(reason);
      expect(run.stderr).toContain('Nothing was written.');
      expect(existsSync(approvalsFile())).toBe(false);
    }
    const unknownQuote = await runCli(['approve', 'nobody_said', '--lang', 'fr', '--by', 'cabinet_ferracci', '--code', 'DEADBEEF', ...WHO, '--content', content]);
    expect(unknownQuote.code).toBe(1);
    expect(unknownQuote.stderr).toContain('Unknown quote "nobody_said"');
    for (const [missing, args] of [
      ['--approver', ['--evidence', 'x']],
      ['--evidence', ['--approver', 'Claire Dubois, conseillère presse']],
    ] as const) {
      const run = await runCli(['approve', 'ferracci_bilan', '--lang', 'fr,en', '--by', 'cabinet_ferracci', '--code', codeInPacket(text), ...args, '--content', content]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(missing);
      expect(existsSync(approvalsFile())).toBe(false);
    }
    const badLang = await runCli(['approve', 'ferracci_bilan', '--lang', 'de', '--by', 'cabinet_ferracci', '--code', 'DEADBEEF', '--content', content]);
    expect(badLang.code).toBe(2);
  });

  it('should record the approval given with the packet’s code, then refuse the same approval twice', async () => {
    const code = codeInPacket(pdfText(join(out, 'approvals', 'cabinet_ferracci.pdf')));
    const approved = await runCli(['approve', 'ferracci_bilan', '--lang', 'fr,en', '--by', 'cabinet_ferracci', '--on', '2025-03-18', '--code', code, ...WHO, '--content', content]);
    expect(approved.stderr).toBe('');
    expect(approved.code).toBe(0);
    expect(await statusOf('fr')).toBe('approved');
    expect(await statusOf('en')).toBe('approved');
    const before = await readFile(approvalsFile(), 'utf8');
    const again = await runCli(['approve', 'ferracci_bilan', '--lang', 'fr,en', '--by', 'cabinet_ferracci', '--on', '2025-03-19', '--code', code, ...WHO, '--content', content]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already approved');
    expect(await readFile(approvalsFile(), 'utf8')).toBe(before);
    expect((await runCli(['build', '--final', '--no-pdf', '--content', content, '--out', join(out, 'final')])).code).toBe(0);
  });

  it('should turn stale when one word changes, show the change in the packet, refuse the final build, and pass once re-approved', async () => {
    const quotes = join(content, 'data', 'quotes.yaml');
    await writeFile(quotes, (await readFile(quotes, 'utf8')).replace('de notre pays', 'de notre nation'));
    expect(await statusOf('fr')).toBe('stale');
    expect(await statusOf('en')).toBe('approved');

    expect((await runCli(['packet', 'cabinet_ferracci', '--content', content, '--out', out, '--no-pdf'])).code).toBe(0);
    const html = await readFile(join(out, 'approvals', 'cabinet_ferracci.html'), 'utf8');
    expect(html).toContain('Modifiée depuis la dernière validation');
    expect(html).toMatch(/<del><span class="visually-hidden" lang="fr">\[suppression : <\/span>pays<span/);
    expect(html).toMatch(/<ins><span class="visually-hidden" lang="fr">\[ajout : <\/span>nation<span/);

    const refused = await runCli(['build', '--final', '--no-pdf', '--content', content, '--out', join(out, 'final2')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('"ferracci_bilan" (fr) is changed since its approval');
    expect(existsSync(join(out, 'final2'))).toBe(false);

    const [frCode] = codesByLanguage(html);
    const reply = join(out, 'reply.eml');
    await writeFile(reply, 'From: cabinet\nSubject: Re: validation\n\nValidé.\n');
    const reapproved = await runCli(['approve', 'ferracci_bilan', '--lang', 'fr', '--by', 'cabinet_ferracci', '--on', '2025-03-19', '--code', frCode!,
      '--approver', 'Paul Martin, directeur de cabinet', '--evidence-file', reply, '--content', content]);
    expect(reapproved.stderr).toBe('');
    expect(reapproved.code).toBe(0);
    const records = await readFile(approvalsFile(), 'utf8');
    expect(records).toContain('approver: Paul Martin, directeur de cabinet');
    expect(records).toContain(`evidence: sha256:${createHash('sha256').update('From: cabinet\nSubject: Re: validation\n\nValidé.\n').digest('hex')} (reply.eml)`);
    expect(await statusOf('fr')).toBe('approved');
    expect((await runCli(['build', '--final', '--no-pdf', '--content', content, '--out', join(out, 'final2')])).code).toBe(0);
  });

  it('should list the approvals of one cabinet as a table, with who approved and the evidence', async () => {
    const table = await runCli(['approvals', '--cabinet', 'cabinet_ferracci', '--content', content]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^QUOTE\s+LANG\s+STATUS\s+CODE\s+CABINET\s+APPROVED BY\s+ON\s+APPROVER\s+EVIDENCE$/m);
    expect(table.stdout).toMatch(/^ferracci_bilan\s+fr\s+approved\s+[0-9A-F]{8}\s+cabinet_ferracci\s+cabinet_ferracci\s+2025-03-19\s+Paul Martin, directeur de cabinet\s+sha256:[0-9a-f]{64} \(reply\.eml\)$/m);
    expect(table.stdout).toMatch(/^ferracci_bilan\s+en\s+approved\s+[0-9A-F]{8}\s+cabinet_ferracci\s+cabinet_ferracci\s+2025-03-18\s+Claire Dubois, conseillère presse\s+<CAFE1234@cabinets\.industrie\.gouv\.fr>$/m);
    const json = (await approvals()) as Array<{ quote: string; lang: string; approver?: string; evidence?: string }>;
    expect(json.find((r) => r.lang === 'en')).toMatchObject({ approver: 'Claire Dubois, conseillère presse', evidence: '<CAFE1234@cabinets.industrie.gouv.fr>' });
    const unknown = await runCli(['approvals', '--cabinet', 'anct_presse', '--content', content]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('is not the cabinet of anyone quoted');
  });

  it('should date a packet the day it is made (SOURCE_DATE_EPOCH, else today in Paris), not the document’s date', async () => {
    // 1 700 000 000 s is 14 November 2023, 23:13 in Paris (22:13 UTC).
    const dated = await runCli(['packet', 'cabinet_ferracci', '--content', content, '--out', out], { env: { SOURCE_DATE_EPOCH: '1700000000' } });
    expect(dated.code).toBe(0);
    expect(pdfText(join(out, 'approvals', 'cabinet_ferracci.pdf'))).toContain('Établi le 14 novembre 2023');
    expect(pdfInfo(join(out, 'approvals', 'cabinet_ferracci.pdf'))['CreationDate']).toMatch(/2023/);
    const today = await runCli(['packet', 'cabinet_ferracci', '--content', content, '--out', out, '--no-pdf'], { env: { SOURCE_DATE_EPOCH: '' } });
    expect(today.code).toBe(0);
    const day = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date());
    const html = (await readFile(join(out, 'approvals', 'cabinet_ferracci.html'), 'utf8')).replace(/\u00A0/g, ' ');
    expect(html).toContain(`Établi le <time>${day.replace(/^1 /, '1er ')}</time>`);
  });

  it('should refuse to record anything while approvals.yaml is malformed, naming its line', async () => {
    const file = approvalsFile();
    const broken = `${await readFile(file, 'utf8')}\n- quote: [\n`;
    await writeFile(file, broken);
    const run = await runCli(['approve', 'ferracci_bilan', '--lang', 'en', '--by', 'cabinet_ferracci', '--code', 'DEADBEEF', ...WHO, '--content', content]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/approvals\.yaml\n\s*\d+:\d+(-\d+:\d+)?\s+error\s+Invalid YAML/);
    expect(run.stderr).toContain('nothing was recorded');
    expect(await readFile(file, 'utf8')).toBe(broken);
  });
});
