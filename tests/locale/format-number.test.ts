import { describe, expect, it } from 'vitest';
import { findFigures, formatFigure, parseFigure, type FigureValue, type Unit } from '../../src/locale/format-number.js';
import type { Lang } from '../../src/locale/lang.js';

const NBSP = '\u00A0';
const NNBSP = '\u202F';

describe('formatFigure', () => {
  it.each<[FigureValue, Unit, Lang, 'short' | 'long', string]>([
    // count: grouping with U+202F in French, comma in English; form does not matter
    [2800, 'count', 'fr', 'short', `2${NNBSP}800`],
    [2800, 'count', 'fr', 'long', `2${NNBSP}800`],
    [2800, 'count', 'en', 'short', '2,800'],
    [2800, 'count', 'en', 'long', '2,800'],
    [2800.5, 'count', 'fr', 'short', `2${NNBSP}800,5`],
    [2800.5, 'count', 'en', 'short', '2,800.5'],
    [1.236, 'count', 'fr', 'short', '1,24'],
    [1.5, 'count', 'en', 'short', '1.5'],
    [7, 'count', 'fr', 'short', '7'],
    [0, 'count', 'fr', 'short', '0'],
    [1e12, 'count', 'fr', 'short', `1${NNBSP}000${NNBSP}000${NNBSP}000${NNBSP}000`],
    // percent: the value is the percentage
    [8, 'percent', 'fr', 'short', `8${NBSP}%`],
    [8.5, 'percent', 'fr', 'short', `8,5${NBSP}%`],
    [8.5, 'percent', 'fr', 'long', `8,5${NBSP}%`],
    [8, 'percent', 'en', 'short', '8%'],
    [8.5, 'percent', 'en', 'long', '8.5%'],
    [1250, 'percent', 'fr', 'short', `1${NNBSP}250${NBSP}%`],
    // eur, short
    [1.2e9, 'eur', 'fr', 'short', `1,2${NBSP}Md€`],
    [1.2e9, 'eur', 'en', 'short', '€1.2bn'],
    [39.7e6, 'eur', 'fr', 'short', `39,7${NBSP}M€`],
    [39.7e6, 'eur', 'en', 'short', '€39.7m'],
    [4000, 'eur', 'fr', 'short', `4${NNBSP}000${NBSP}€`],
    [4000, 'eur', 'en', 'short', '€4,000'],
    [1e6, 'eur', 'fr', 'short', `1${NBSP}M€`],
    [999_999.99, 'eur', 'fr', 'short', `999${NNBSP}999,99${NBSP}€`],
    [39_712_345, 'eur', 'fr', 'short', `39,71${NBSP}M€`],
    [999_999_999, 'eur', 'fr', 'short', `1${NBSP}Md€`],
    [999_999_999, 'eur', 'en', 'short', '€1bn'],
    [2.5e12, 'eur', 'fr', 'short', `2${NNBSP}500${NBSP}Md€`],
    // eur, long: French singular below 2, typographic apostrophe
    [39.7e6, 'eur', 'fr', 'long', `39,7${NBSP}millions d’euros`],
    [1e6, 'eur', 'fr', 'long', `1${NBSP}million d’euros`],
    [1.5e6, 'eur', 'fr', 'long', `1,5${NBSP}million d’euros`],
    [2e6, 'eur', 'fr', 'long', `2${NBSP}millions d’euros`],
    [1e9, 'eur', 'fr', 'long', `1${NBSP}milliard d’euros`],
    [2e9, 'eur', 'fr', 'long', `2${NBSP}milliards d’euros`],
    [4000, 'eur', 'fr', 'long', `4${NNBSP}000${NBSP}euros`],
    [1, 'eur', 'fr', 'long', `1${NBSP}euro`],
    [39.7e6, 'eur', 'en', 'long', `€39.7${NBSP}million`],
    [2e9, 'eur', 'en', 'long', `€2${NBSP}billion`],
    [4000, 'eur', 'en', 'long', '€4,000'],
    // hectare
    [2900, 'hectare', 'fr', 'short', `2${NNBSP}900${NBSP}ha`],
    [2900, 'hectare', 'en', 'short', `2,900${NBSP}ha`],
    [2900, 'hectare', 'fr', 'long', `2${NNBSP}900${NBSP}hectares`],
    [2900, 'hectare', 'en', 'long', `2,900${NBSP}hectares`],
    [1, 'hectare', 'fr', 'long', `1${NBSP}hectare`],
    [1, 'hectare', 'en', 'long', `1${NBSP}hectare`],
    [1.5, 'hectare', 'fr', 'long', `1,5${NBSP}hectare`],
    [1.5, 'hectare', 'en', 'long', `1.5${NBSP}hectares`],
    // year and period
    [2018, 'year', 'fr', 'short', '2018'],
    [2018, 'year', 'en', 'long', '2018'],
    [[2023, 2027], 'period', 'fr', 'short', '2023-2027'],
    [[2023, 2027], 'period', 'en', 'short', '2023\u20132027'],
    // negative numbers: sign in front of everything
    [-8, 'percent', 'fr', 'short', `-8${NBSP}%`],
    [-4000, 'eur', 'en', 'short', '-€4,000'],
    [-0.001, 'count', 'fr', 'short', '0'],
  ])('should format %j %s in %s (%s) as %j', (value, unit, lang, form, expected) => {
    expect(formatFigure(value, unit, lang, { form })).toBe(expected);
  });

  it('should use the short form by default', () => {
    expect(formatFigure(39.7e6, 'eur', 'fr')).toBe(`39,7${NBSP}M€`);
    expect(formatFigure(2900, 'hectare', 'en', {})).toBe(`2,900${NBSP}ha`);
  });

  it.each<[FigureValue, Unit]>([
    [NaN, 'count'],
    [Infinity, 'eur'],
    [-Infinity, 'percent'],
    [NaN, 'hectare'],
    [Infinity, 'year'],
    [[2023, NaN], 'period'],
    [2018.5, 'year'],
  ])('should throw a RangeError for %j as %s', (value, unit) => {
    expect(() => formatFigure(value, unit, 'fr')).toThrow(RangeError);
  });

  it.each<[FigureValue, Unit]>([
    [2023, 'period'],
    [[2023, 2027], 'count'],
  ])('should throw a TypeError when %j does not fit unit %s', (value, unit) => {
    expect(() => formatFigure(value, unit, 'en')).toThrow(TypeError);
  });
});

describe('parseFigure', () => {
  it.each<[string, Lang, number, Unit]>([
    [`2${NNBSP}800`, 'fr', 2800, 'count'],
    [`2${NBSP}800`, 'fr', 2800, 'count'],
    ['2 800', 'fr', 2800, 'count'],
    ['2800', 'fr', 2800, 'count'],
    [`1${NNBSP}000 000`, 'fr', 1e6, 'count'],
    ['2,5', 'fr', 2.5, 'count'],
    [`39,7${NBSP}M€`, 'fr', 39.7e6, 'eur'],
    ['39,7 M€', 'fr', 39.7e6, 'eur'],
    ['39,7M€', 'fr', 39.7e6, 'eur'],
    ["63 millions d'euros", 'fr', 63e6, 'eur'],
    ['63 millions d’euros', 'fr', 63e6, 'eur'],
    ['1 million d’euros', 'fr', 1e6, 'eur'],
    ['4 000 €', 'fr', 4000, 'eur'],
    ['4 000 euros', 'fr', 4000, 'eur'],
    ['1,5 Md€', 'fr', 1.5e9, 'eur'],
    ["2 milliards d'euros", 'fr', 2e9, 'eur'],
    ['8 %', 'fr', 8, 'percent'],
    ['8%', 'fr', 8, 'percent'],
    [`8,5${NBSP}%`, 'fr', 8.5, 'percent'],
    ['2 900 ha', 'fr', 2900, 'hectare'],
    ['2 900 hectares', 'fr', 2900, 'hectare'],
    ['1 hectare', 'fr', 1, 'hectare'],
    ['2,5 millions', 'fr', 2.5e6, 'count'],
    ['2,800', 'fr', 2.8, 'count'],
    ['2018', 'fr', 2018, 'count'],
    ['  8 %  ', 'fr', 8, 'percent'],
    ['2,800', 'en', 2800, 'count'],
    ['2800', 'en', 2800, 'count'],
    ['2,800.5', 'en', 2800.5, 'count'],
    ['€39.7m', 'en', 39.7e6, 'eur'],
    ['€39.7 million', 'en', 39.7e6, 'eur'],
    [`€39.7${NBSP}million`, 'en', 39.7e6, 'eur'],
    ['€4,000', 'en', 4000, 'eur'],
    ['€1.2bn', 'en', 1.2e9, 'eur'],
    ['€2 billion', 'en', 2e9, 'eur'],
    ['8%', 'en', 8, 'percent'],
    ['8.5%', 'en', 8.5, 'percent'],
    ['2,900 ha', 'en', 2900, 'hectare'],
    ['2,900 hectares', 'en', 2900, 'hectare'],
    ['3 million', 'en', 3e6, 'count'],
    ['2018', 'en', 2018, 'count'],
  ])('should read %j in %s as %d (%s)', (text, lang, value, unit) => {
    expect(parseFigure(text, lang)).toEqual({ value, unit });
  });

  it.each<[string, Lang]>([
    ['', 'fr'],
    ['abc', 'fr'],
    ['2 8000', 'fr'],
    ['2.800', 'fr'],
    ['€4 000', 'fr'],
    ['39,7 M€ environ', 'fr'],
    ['environ 8 %', 'fr'],
    ['2023-2027', 'fr'],
    ['-8 %', 'fr'],
    ['2 800', 'en'],
    ['39,7 M€', 'en'],
    ['5m', 'en'],
    ['€8%', 'en'],
    ['2,80', 'en'],
    ['2023–2027', 'en'],
  ])('should return null for %j in %s', (text, lang) => {
    expect(parseFigure(text, lang)).toBeNull();
  });

  it('should lose the digits formatFigure rounds away', () => {
    const text = formatFigure(39_712_345, 'eur', 'fr');
    expect(text).toBe(`39,71${NBSP}M€`);
    expect(parseFigure(text, 'fr')).toEqual({ value: 39_710_000, unit: 'eur' });
  });
});

/** A seeded linear congruential generator: deterministic floats in [0, 1). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** 1 000 values in [0, 1e12] that formatFigure shows without rounding: 2 decimals of the unit shown. */
function representable(unit: Unit, seed: number): number[] {
  const random = lcg(seed);
  const below = (n: number): number => Math.floor((random() + random() / 2 ** 32) * n);
  const cents = (maxDigits: number): number => (below(10 ** below(maxDigits + 1)) * 100 + below(100)) / 100;
  const edges = [0, 0.01, 1, 1.5, 2, 999_999.99, 1e6, 1.5e6, 999_990_000, 1e9, 1e12];
  const values = [...edges];
  while (values.length < 1000) {
    if (unit !== 'eur') values.push(cents(12));
    else {
      const band = below(3);
      if (band === 0) values.push(cents(6)); // euros, below 1e6
      else if (band === 1) values.push((100 + below(99_900)) * 1e4); // hundredths of a million
      else values.push((100 + below(99_901)) * 1e7); // hundredths of a billion, up to 1e12
    }
  }
  return values;
}

describe('parseFigure(formatFigure(x))', () => {
  const cases = (['count', 'eur', 'percent', 'hectare'] as const).flatMap((unit, i) =>
    (['fr', 'en'] as const).flatMap((lang) =>
      (['short', 'long'] as const).map((form) => [unit, lang, form, representable(unit, 2025 + i)] as const),
    ),
  );

  it('should generate 1 000 varied values in [0, 1e12] per unit', () => {
    for (const [, , , values] of cases) {
      expect(values).toHaveLength(1000);
      expect(new Set(values).size).toBeGreaterThan(950);
      expect(Math.min(...values)).toBe(0);
      expect(Math.max(...values)).toBe(1e12);
      expect(values.filter((x) => x < 1e6).length).toBeGreaterThan(100);
      expect(values.filter((x) => x > 1e9).length).toBeGreaterThan(100);
    }
  });

  it.each(cases)('should give back every %s value in %s (%s form)', (unit, lang, form, values) => {
    const wrong = values
      .map((x) => ({ x, text: formatFigure(x, unit, lang, { form }) }))
      .map(({ x, text }) => ({ x, text, back: parseFigure(text, lang) }))
      .filter(({ x, back }) => back?.value !== x || back.unit !== unit);
    expect(wrong).toEqual([]);
  });
});

describe('findFigures', () => {
  const found = (text: string, lang: Lang) => findFigures(text, lang).map(({ value, unit, raw }) => ({ value, unit, raw }));

  it.each<[string, Lang, Array<{ value: number; unit: Unit; raw: string }>]>([
    [
      'Le plan mobilise 39,7 M€ pour 2 800 actions.',
      'fr',
      [
        { value: 39.7e6, unit: 'eur', raw: '39,7 M€' },
        { value: 2800, unit: 'count', raw: '2 800' },
      ],
    ],
    ["soit 63 millions d'euros en 2025", 'fr', [
      { value: 63e6, unit: 'eur', raw: "63 millions d'euros" },
      { value: 2025, unit: 'count', raw: '2025' },
    ]],
    [`une hausse de 8,5${NBSP}% sur 2${NNBSP}900${NBSP}ha`, 'fr', [
      { value: 8.5, unit: 'percent', raw: `8,5${NBSP}%` },
      { value: 2900, unit: 'hectare', raw: `2${NNBSP}900${NBSP}ha` },
    ]],
    ['pour 2 900 habitants', 'fr', [{ value: 2900, unit: 'count', raw: '2 900' }]],
    ['France 2030', 'fr', [{ value: 2030, unit: 'count', raw: '2030' }]],
    ['format A4, covid19, covid-19, version 3.2, à 10h30', 'fr', []],
    ['le 20 mars 2025', 'fr', [
      { value: 20, unit: 'count', raw: '20' },
      { value: 2025, unit: 'count', raw: '2025' },
    ]],
    ['de 1,5 Md€ à 2 milliards d’euros', 'fr', [
      { value: 1.5e9, unit: 'eur', raw: '1,5 Md€' },
      { value: 2e9, unit: 'eur', raw: '2 milliards d’euros' },
    ]],
    ['€39.7m for 2,800 projects, up 8%.', 'en', [
      { value: 39.7e6, unit: 'eur', raw: '€39.7m' },
      { value: 2800, unit: 'count', raw: '2,800' },
      { value: 8, unit: 'percent', raw: '8%' },
    ]],
    ['In 2023, 400 people shared €2 billion over 2,900 hectares.', 'en', [
      { value: 2023, unit: 'count', raw: '2023' },
      { value: 400, unit: 'count', raw: '400' },
      { value: 2e9, unit: 'eur', raw: '€2 billion' },
      { value: 2900, unit: 'hectare', raw: '2,900 hectares' },
    ]],
    ['a 5m wall', 'en', []],
  ])('should find the figures in %j (%s)', (text, lang, expected) => {
    expect(found(text, lang)).toEqual(expected);
  });

  it('should give offsets that point at the raw text', () => {
    const text = 'Avec 39,7 M€, 2 800 actions et 8 %.';
    const figures = findFigures(text, 'fr');
    expect(figures.map(({ start, end }) => [start, end])).toEqual([[5, 12], [14, 19], [31, 34]]);
    for (const figure of figures) expect(text.slice(figure.start, figure.end)).toBe(figure.raw);
  });
});
