import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../src/rule-ids.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The rule ids of the README's rules table: the first cell of each row after the "| rule id |" header. */
function readmeRuleIds(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('| rule id |'));
  const rows = table.slice(0, table.search(/\n(?!\|)/));
  return [...rows.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]!);
}

/** Rule ids written as literals in the code: `ruleId: '…'`, and the [ruleId, reason] pairs of remark-forbid-code. */
function literalRuleIds(): Map<string, string> {
  const found = new Map<string, string>();
  const dir = join(ROOT, 'src');
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    if (!name.endsWith('.ts')) continue;
    const text = readFileSync(join(dir, name), 'utf8');
    for (const m of text.matchAll(/ruleId: '([^']+)'|^\s+\w+: \['([a-z0-9]+-[a-z0-9-]+)', /gm)) found.set(m[1] ?? m[2]!, name);
  }
  return found;
}

describe('rule ids', () => {
  it('should list every rule id of the code in the README rules table', () => {
    const documented = new Set(readmeRuleIds());
    expect(RULE_IDS.filter((id) => !documented.has(id))).toEqual([]);
  });

  it('should declare in RULE_IDS every rule id the code writes as a literal', () => {
    const literals = literalRuleIds();
    expect(literals.has('quote-not-approved')).toBe(true);
    expect([...literals].filter(([id]) => !(RULE_IDS as readonly string[]).includes(id)).map(([id, file]) => `${id} (src/${file})`)).toEqual([]);
  });

  it('should document no rule id the code does not have', () => {
    expect(readmeRuleIds().filter((id) => !(RULE_IDS as readonly string[]).includes(id))).toEqual([]);
  });
});
