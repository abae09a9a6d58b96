import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadApprovals } from '../../src/approval/load-approvals.js';
import { combinedCode } from '../../src/approval/normalise-quote.js';
import { quoteStatuses, statusKey } from '../../src/approval/quote-status.js';
import { ApprovalRefused, recordApproval, type ApprovalRequest } from '../../src/approval/record-approval.js';
import { loadProject } from '../../src/load/load-project.js';
import type { Project } from '../../src/load/project.js';
import { copyContent, ROOT } from '../helpers/cli.js';

const MINIMAL = join(ROOT, 'tests', 'fixtures', 'minimal');

async function state(root: string): Promise<{ project: Project; approvals: Awaited<ReturnType<typeof loadApprovals>> }> {
  const { project } = await loadProject(root);
  return { project: project!, approvals: await loadApprovals(root, project!) };
}

describe('recordApproval', () => {
  let root: string;
  beforeEach(async () => {
    root = await copyContent(MINIMAL);
  });

  const request = (overrides: Partial<ApprovalRequest> = {}): Promise<ApprovalRequest> =>
    state(root).then(({ project, approvals }) => {
      const statuses = quoteStatuses(project, approvals.records);
      return { quote: 'ferracci_bilan', langs: ['fr'], by: 'cabinet_ferracci', on: '2025-03-19', code: statuses.get(statusKey('ferracci_bilan', 'fr'))!.code, ...overrides };
    });

  it('should record an approval whose code matches the current words, and then report the quote approved', async () => {
    const { project, approvals } = await state(root);
    expect(quoteStatuses(project, approvals.records).get('ferracci_bilan:fr')?.status).toBe('pending');
    await recordApproval(project, approvals, await request());
    const after = await state(root);
    expect(after.approvals.file.messages).toEqual([]);
    const status = quoteStatuses(after.project, after.approvals.records).get('ferracci_bilan:fr')!;
    expect(status).toMatchObject({ status: 'approved', record: { by: 'cabinet_ferracci', on: '2025-03-19' } });
    expect(quoteStatuses(after.project, after.approvals.records).get('ferracci_bilan:en')?.status).toBe('pending');
  });

  it('should accept the combined code for both languages at once', async () => {
    const { project, approvals } = await state(root);
    const statuses = quoteStatuses(project, approvals.records);
    const code = combinedCode(['fr', 'en'].map((l) => statuses.get(`ferracci_bilan:${l}`)!.hash));
    const records = await recordApproval(project, approvals, { quote: 'ferracci_bilan', langs: ['fr', 'en'], by: 'cabinet_ferracci', on: '2025-03-19', code });
    expect(records.map((r) => r.lang)).toEqual(['fr', 'en']);
  });

  it('should report a quote stale after one word changes, keeping the approved words for the diff', async () => {
    const { project, approvals } = await state(root);
    await recordApproval(project, approvals, await request());
    const quotes = join(root, 'data', 'quotes.yaml');
    await writeFile(quotes, (await readFile(quotes, 'utf8')).replace('notre pays', 'notre nation'));
    const after = await state(root);
    const status = quoteStatuses(after.project, after.approvals.records).get('ferracci_bilan:fr')!;
    expect(status.status).toBe('stale');
    expect(status.record?.text).toContain('notre pays');
  });

  it.each([
    ['an unknown quote', { quote: 'ferraci_bilan' }, /Unknown quote "ferraci_bilan".*did you mean "ferracci_bilan"/],
    ['an unknown cabinet', { by: 'cabinet_nobody' }, /Unknown cabinet "cabinet_nobody"/],
    ['a contact that is not the speaker’s cabinet', { by: 'anct_presse' }, /"anct_presse" cannot approve "ferracci_bilan".*"cabinet_ferracci"/],
    ['a code that matches no version', { code: 'DEADBEEF' }, /The code DEADBEEF does not approve the current words.*matches no version/],
    ['an invalid date', { on: '2025-13-40' }, /Invalid date "2025-13-40"/],
  ])('should refuse %s and leave approvals.yaml untouched', async (_, overrides, reason) => {
    const { project, approvals } = await state(root);
    const req = await request(overrides as Partial<ApprovalRequest>);
    await expect(recordApproval(project, approvals, req)).rejects.toThrow(ApprovalRefused);
    await expect(recordApproval(project, approvals, req)).rejects.toThrow(reason);
    await expect(readFile(join(root, 'approvals.yaml'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('should refuse a second approval of the same words, and the code of words changed since', async () => {
    const first = await state(root);
    const code = (await request()).code;
    await recordApproval(first.project, first.approvals, await request());
    const before = await readFile(join(root, 'approvals.yaml'), 'utf8');
    const second = await state(root);
    await expect(recordApproval(second.project, second.approvals, await request())).rejects.toThrow(/already approved, these very words, on 2025-03-19/);

    const quotes = join(root, 'data', 'quotes.yaml');
    await writeFile(quotes, (await readFile(quotes, 'utf8')).replace('notre pays', 'notre nation'));
    const third = await state(root);
    await expect(recordApproval(third.project, third.approvals, await request({ code }))).rejects.toThrow(/code of the words approved on 2025-03-19 \(fr\), which have changed since/);
    expect(await readFile(join(root, 'approvals.yaml'), 'utf8')).toBe(before);
  });

  it('should reject a record whose words were edited by hand after approval', async () => {
    const { project, approvals } = await state(root);
    await recordApproval(project, approvals, await request());
    const file = join(root, 'approvals.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('notre pays', 'notre nation'));
    const after = await state(root);
    expect(after.approvals.records).toEqual([]);
    expect(after.approvals.file.messages.map((m) => [m.ruleId, m.line])).toEqual([['approval-record', 6]]); // the record's sha256 line
  });
});
