import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/check/run-checks.js';
import { RULES } from '../../src/core/rules.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The rows of the README's rules table, as written: `| \`id\` | severity | description |`. */
function readmeRows(): string[] {
  const table = README.slice(README.indexOf('| rule id |'));
  const rows = table.slice(0, table.search(/\n(?!\|)/)).split('\n');
  return rows.filter((row) => row.startsWith('| `'));
}

/** The row a declaration gives in the README's rules table. */
const rowOf = (rule: (typeof RULES)[number]) => `| \`${rule.id}\` | ${rule.severity}${'note' in rule ? ` (${rule.note})` : ''} | ${rule.description} |`;

/** The anchors GitHub gives the README's headings ("### links (error; …)" → "links-error-…"). */
function readmeAnchors(): Set<string> {
  return new Set([...README.matchAll(/^#{1,6} (.+)$/gm)].map((m) => m[1]!.toLowerCase().replace(/[^\p{L}\p{N}\- ]/gu, '').replace(/ /g, '-')));
}

/** The modules of src/ that add a vfile message themselves (`.message(`, `.fail(`), rather than through core/messages.ts. */
function ownMessages(): string[] {
  const dir = join(ROOT, 'src');
  return (readdirSync(dir, { recursive: true }) as string[]).filter((name) => name.endsWith('.ts') && name !== join('core', 'messages.ts') && /\.(?:message|fail)\(/.test(readFileSync(join(dir, name), 'utf8')));
}

describe('rule declarations', () => {
  it('should give each declared rule its row in the README rules table, as declared', () => {
    const rows = new Set(readmeRows());
    expect(RULES.map(rowOf).filter((row) => !rows.has(row))).toEqual([]);
  });

  it('should have no row in the README rules table that no declaration gives', () => {
    const declared = new Set(RULES.map(rowOf));
    expect(readmeRows().filter((row) => !declared.has(row))).toEqual([]);
  });

  it('should point each rule at a section of the README', () => {
    const anchors = readmeAnchors();
    expect(RULES.filter((rule) => !anchors.has(rule.anchor)).map((rule) => `${rule.id} → #${rule.anchor}`)).toEqual([]);
  });

  it('should run exactly the editorial rules declared for the check stage', () => {
    expect(CHECKS.map((rule) => rule.id).sort()).toEqual(RULES.filter((rule) => rule.stage === 'check').map((rule) => rule.id).sort());
  });

  it('should add every message through the message helper, whose rule ids are declared ones (RuleId)', () => {
    expect(ownMessages()).toEqual([]);
  });
});
