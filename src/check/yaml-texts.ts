import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { formatFigure } from '../locale/format-number.js';
import { LANGS, type Lang } from '../locale/lang.js';
import { blankPlaceholders, indicatorPlaceholders } from '../load/indicator-placeholders.js';
import { citedValue } from '../load/indicator-values.js';
import { readerTexts, type ReaderText } from '../load/reader-texts.js';
import type { CheckContext } from './context.js';
import { citedTyped, indicatorKeys, plain, typedFigures, type CitedFigure, type TypedFigure } from './figures.js';
import type { YamlPlaces } from '../load/yaml-places.js';

/** One text of a reader text in one language (a list of keywords has one per keyword), as written in its file. */
export interface YamlTextItem {
  readonly path: ReadonlyArray<string | number>;
  /** The text as written, `{indicator:id}` placeholders included. */
  readonly text: string;
}

/** A reader text (see ReaderText) as the checks read it: its file, its places and its texts in each language. */
export interface YamlText {
  readonly reader: ReaderText;
  readonly file: VFile;
  readonly places: YamlPlaces;
  readonly items: Readonly<Record<Lang, readonly YamlTextItem[]>>;
}

/** Every text a reader sees that lives in the YAML files, read from the files as written. */
export function yamlTexts(context: CheckContext): YamlText[] {
  const texts: YamlText[] = [];
  for (const reader of readerTexts(context.project)) {
    const data = context.data(reader.file);
    if (!data) continue;
    const items = {} as Record<Lang, YamlTextItem[]>;
    for (const lang of LANGS) {
      items[lang] = reader.values[lang].map((loaded, i) => {
        const path = [...reader.path, lang, ...(reader.list ? [i] : [])];
        return { path, text: data.places.text(path) ?? loaded };
      });
    }
    texts.push({ reader, file: data.file, places: data.places, items });
  }
  return texts;
}

/** The figures typed in a text of a YAML file, placeholders left out. */
export function typedInYaml(item: YamlTextItem, lang: Lang): TypedFigure[] {
  return typedFigures(blankPlaceholders(item.text), lang);
}

/** Every figure a reader text cites in a language, bound (`{indicator:id}`) and typed, in the order of the text. */
export function yamlTextFigures(context: CheckContext, text: YamlText, lang: Lang): CitedFigure[] {
  const figures: CitedFigure[] = [];
  for (const item of text.items[lang]) {
    const place = (from: number, to: number): Position | undefined => text.places.inText(item.path, from, to);
    const cited: Array<CitedFigure & { at: number }> = [];
    for (const placeholder of indicatorPlaceholders(item.text)) {
      const found = context.project.indicators.get(placeholder.id);
      if (!found) continue;
      const indicator = citedValue(found, text.reader.document?.settings.date ?? '9999-12-31', placeholder.at);
      const shown = plain(formatFigure(indicator.value, indicator.unit, lang, { form: placeholder.form }));
      for (const key of indicatorKeys(indicator)) {
        cited.push({ key, unit: key.split(':')[0]!, shown, place: place(placeholder.start, placeholder.end), indicator: placeholder.id, at: placeholder.start });
      }
    }
    for (const figure of typedInYaml(item, lang)) cited.push({ ...citedTyped(figure, place(figure.start, figure.end)), at: figure.start });
    figures.push(...cited.sort((a, b) => a.at - b.at).map(({ at: _, ...figure }) => figure));
  }
  return figures;
}
