import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { VFile } from 'vfile';
import { CommuniqueError } from '../core/errors.js';
import { LANGS, type Lang } from '../locale/lang.js';
import { parseYaml } from '../load/read-yaml.js';

/** The UI strings of one language (templates/i18n/<lang>.yaml). */
export type Strings = Readonly<Record<string, string>>;

/** Compiled layouts and partials, and the UI strings; built once per process. */
export interface Templates {
  /** Renders templates/partials/<name>.hbs. */
  partial(name: string, context: object): string;
  /** Renders templates/layouts/<name>.hbs. */
  layout(name: string, context: object): string;
  /** UI strings per language. */
  readonly strings: Readonly<Record<Lang, Strings>>;
  /** Stylesheets by file name (templates/styles/*.css). */
  readonly styles: ReadonlyMap<string, string>;
}

/** The templates shipped with the tool. */
export const DEFAULT_TEMPLATES = fileURLToPath(new URL('../../templates', import.meta.url));

const KNOWN_HELPERS = { t: true, css: true, eq: true } as const;

/** Loads and compiles every template of a templates folder (strict mode, known helpers only). */
export async function createTemplates(dir: string): Promise<Templates> {
  const hb = Handlebars.create();
  const options = { strict: true, knownHelpers: KNOWN_HELPERS, knownHelpersOnly: true, preventIndent: true } as const;

  const strings = {} as Record<Lang, Record<string, string>>;
  for (const lang of LANGS) {
    const path = join(dir, 'i18n', `${lang}.yaml`);
    const yaml = parseYaml(await readTemplateFile(path), new VFile({ path }));
    const data = yaml.data;
    if (!data || typeof data !== 'object' || Object.values(data).some((v) => typeof v !== 'string')) {
      throw new CommuniqueError('TemplateInvalid', `${path} must be a flat mapping of strings.`, 'Fix the file: each line "key: text".');
    }
    strings[lang] = data as Record<string, string>;
  }

  hb.registerHelper('t', function (this: unknown, key: unknown, helperOptions: Handlebars.HelperOptions) {
    const lang = (helperOptions.data?.root as { lang?: Lang } | undefined)?.lang;
    const text = lang ? strings[lang]?.[String(key)] : undefined;
    if (text === undefined) {
      throw new CommuniqueError('TemplateString', `No UI string "${String(key)}" for language "${String(lang)}".`, `Add "${String(key)}" to templates/i18n/${String(lang)}.yaml.`);
    }
    return text;
  });
  hb.registerHelper('css', (value: unknown) => new hb.SafeString(cssString(String(value))));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);

  const compileFolder = async (folder: string) => {
    const compiled = new Map<string, Handlebars.TemplateDelegate>();
    for (const name of (await readdir(join(dir, folder))).filter((n) => n.endsWith('.hbs')).sort()) {
      compiled.set(basename(name, '.hbs'), hb.compile(await readTemplateFile(join(dir, folder, name)), options));
    }
    return compiled;
  };
  const partials = await compileFolder('partials');
  for (const [name, template] of partials) hb.registerPartial(name, template);
  const layouts = await compileFolder('layouts');

  const styles = new Map<string, string>();
  for (const name of (await readdir(join(dir, 'styles'))).filter((n) => n.endsWith('.css')).sort()) {
    styles.set(name, await readTemplateFile(join(dir, 'styles', name)));
  }

  const run = (kind: string, table: Map<string, Handlebars.TemplateDelegate>, name: string, context: object) => {
    const template = table.get(name);
    if (!template) throw new CommuniqueError('TemplateMissing', `No ${kind} template "${name}".`, `Add templates/${kind}s/${name}.hbs.`);
    return template(context);
  };
  return {
    partial: (name, context) => run('partial', partials, name, context),
    layout: (name, context) => run('layout', layouts, name, context),
    strings,
    styles,
  };
}

async function readTemplateFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (cause) {
    throw new CommuniqueError('TemplateMissing', `Cannot read the template file ${path}.`, 'Check the templates folder of the tool.', { cause });
  }
}

/** Writes a value as a CSS string literal that cannot end the string, the rule or the <style> element. */
export function cssString(value: string): string {
  return `"${value.replace(/[\\"<>\n\r\f]/g, (c) => `\\${c.charCodeAt(0).toString(16).toUpperCase()} `)}"`;
}
