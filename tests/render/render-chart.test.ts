import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from '../../src/render/create-templates.js';
import { loadProject } from '../../src/load/load-project.js';
import type { Project } from '../../src/load/project.js';
import { chartFigures } from '../../src/render/chart-figures.js';
import { createTemplates, type Templates } from '../../src/render/create-templates.js';
import { chartSvg, createChartRenderer } from '../../src/render/render-chart.js';

const REVIEW = fileURLToPath(new URL('../fixtures/review/', import.meta.url));

let project: Project;
let templates: Templates;

beforeAll(async () => {
  templates = await createTemplates(DEFAULT_TEMPLATES);
  project = (await loadProject(REVIEW)).project!;
});

/** The texts an SVG draws, in order. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
}

describe('chartFigures', () => {
  it('should add the remainder a breakdown leaves, labelled as the breakdown names it, so that the shares make 100 %', () => {
    const figures = chartFigures(project, project.charts.get('statut_projets')!, 'fr', templates.strings.fr);
    expect(figures.rows.map((r) => [r.label, r.text])).toEqual([
      ['Réalisés', '8\u00A0%'],
      ['Des projets en cours', '36\u00A0%'],
      ['Des projets en cours d’instruction', '13\u00A0%'],
      ['Des projets en attente', '19\u00A0%'],
      ['Statut non précisé par la source', '24\u00A0%'],
    ]);
    expect(figures.rows.at(-1)!.indicator).toBeUndefined();
    expect(figures.rows.reduce((sum, r) => sum + r.value, 0)).toBe(100);
    expect(figures.indicators).toEqual(['projets_realises_pct', 'projets_en_cours_pct', 'projets_en_instruction_pct', 'projets_en_attente_pct']);
  });

  it('should write an approximate figure with its word, in each language', () => {
    const fr = chartFigures(project, project.charts.get('financements')!, 'fr', templates.strings.fr);
    const en = chartFigures(project, project.charts.get('financements')!, 'en', templates.strings.en);
    expect(fr.rows.map((r) => r.text)).toEqual(['39,7\u00A0M€', 'près de\u00A063\u00A0M€']);
    expect(en.rows.map((r) => r.text)).toEqual(['€39.7m', 'nearly\u00A0€63m']);
    expect(fr.sources).toEqual(['Communiqué de presse ANCT – DGE', 'Réponse du ministre au Sénat, 14 janvier 2025']);
  });
});

describe('chartSvg', () => {
  it('should draw a static SVG with role="img", a <title>, labelled by the caption, and the French labels "36 %"', async () => {
    const figures = chartFigures(project, project.charts.get('statut_projets')!, 'fr', templates.strings.fr);
    const svg = await chartSvg(figures, { id: 'chart-statut_projets', captionId: 'chart-statut_projets-caption' });
    expect(svg).toMatch(/^<svg\b[^>]*\brole="img"[^>]*>/);
    expect(svg).toMatch(/^<svg\b[^>]*\baria-labelledby="chart-statut_projets-caption"/);
    expect(svg).toMatch(/^<svg\b[^>]*>\s*<title>Où en sont les projets<\/title>/);
    expect(svg).toContain('viewBox=');
    expect(texts(svg)).toContain('Des projets en cours\u00A0: 36\u00A0%');
    expect(svg).toContain('Marianne');
  });

  it('should write the English labels "36%" in an English chart', async () => {
    const figures = chartFigures(project, project.charts.get('statut_projets')!, 'en', templates.strings.en);
    const svg = await chartSvg(figures, { id: 'chart-x', captionId: 'c' });
    expect(texts(svg)).toContain('Of projects under way: 36%');
    expect(texts(svg).join(' ')).not.toMatch(/\d\u00A0%/);
  });

  it.each(['bar', 'column', 'donut'] as const)('should draw the text of a %s chart at 4.5:1 or more and its marks at 3:1 or more against white (WCAG 1.4.3, 1.4.11)', async (kind) => {
    const id = { bar: 'financements', column: 'actions', donut: 'statut_projets' }[kind];
    const svg = await chartSvg(chartFigures(project, project.charts.get(id)!, 'fr', templates.strings.fr), { id: `chart-${id}`, captionId: 'c' });
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const contrast = (hex: string) => 1.05 / (luminance(hex) + 0.05);
    const texts = [...svg.matchAll(/<text\b[^>]*\bfill="(#[0-9a-f]{6})"/gi)].map((m) => m[1]!);
    const marks = [...svg.matchAll(/<path\b[^>]*\bfill="(#[0-9a-f]{6})"/gi)].map((m) => m[1]!).filter((c) => c.toLowerCase() !== '#ffffff');
    expect(texts.length).toBeGreaterThan(0);
    expect(marks.length).toBeGreaterThan(0);
    for (const colour of texts) expect(contrast(colour), colour).toBeGreaterThanOrEqual(4.5);
    for (const colour of marks) expect(contrast(colour), colour).toBeGreaterThanOrEqual(3);
  });

  it.each(['bar', 'column', 'donut'] as const)('should hold no script, no event handler and no external reference in a %s chart', async (kind) => {
    const id = { bar: 'financements', column: 'actions', donut: 'statut_projets' }[kind];
    const figures = chartFigures(project, project.charts.get(id)!, 'fr', templates.strings.fr);
    expect(figures.kind).toBe(kind);
    const svg = await chartSvg(figures, { id: `chart-${id}`, captionId: 'c' });
    expect(svg).not.toMatch(/<script|<foreignObject|<image|<use\b|\son[a-z]+=|href=|javascript:|url\((?!#)|@import/i);
    // One image: no part of the drawing has a role of its own (axe-core: svg-img-alt).
    expect(svg.match(/\srole="/g)).toHaveLength(1);
    expect(svg.replace(/^<svg[^>]*>/, '')).not.toMatch(/\saria-/);
    // Ids are prefixed with the chart's, so that two charts can share a page.
    for (const [, value] of svg.matchAll(/\sid="([^"]+)"/g)) expect(value).toMatch(new RegExp(`^chart-${id}-`));
  });

  it('should escape a title that holds markup, and draw the same SVG every time', async () => {
    const figures = chartFigures(project, project.charts.get('actions')!, 'fr', templates.strings.fr);
    const svg = await chartSvg(figures, { id: 'chart-actions', captionId: 'c' });
    expect(svg).toContain('<title>Actions &#60;menées&#62; &#38; &#34;comptées&#34;</title>');
    expect(svg).not.toContain('<menées>');
    expect(await chartSvg(figures, { id: 'chart-actions', captionId: 'c' })).toBe(svg);
  });
});

describe('createChartRenderer', () => {
  it('should render each chart once per language, and nothing for an unknown id', async () => {
    const render = createChartRenderer(project, templates);
    const first = render('financements', 'fr');
    expect(render('financements', 'fr')).toBe(first);
    expect(render('financements', 'en')).not.toBe(first);
    expect(render('nope', 'fr')).toBeUndefined();
    const chart = await first!;
    expect(chart.captionId).toBe('chart-financements-caption');
    expect(texts(chart.svg)).toEqual(expect.arrayContaining(['Rebond industriel', 'Fonds vert', '39,7\u00A0M€', 'près de\u00A063\u00A0M€']));
  });
});
