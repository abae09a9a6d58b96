import { fromZonedTime } from 'date-fns-tz/fromZonedTime';
import { formatDate, formatDateTime } from '../locale/format-date.js';
import type { Lang } from '../locale/lang.js';
import { typeset } from '../locale/typography.js';
import type { Document, Project } from '../load/project.js';
import { publishedName } from './document-path.js';

/** What a page shows of its document's state: the time it is rendered at, for the embargo line (default: the clock). */
export interface PageStateOptions {
  readonly now?: Date;
}

/** The embargo line of a release still under embargo at `now` ("Sous embargo jusqu’au 13 novembre 2023 à 10 h"), else null. */
export function embargoLine(document: Document, lang: Lang, strings: Readonly<Record<string, string>>, now: Date = new Date()): string | null {
  const embargo = document.kind === 'release' ? document.settings.embargo : undefined;
  if (embargo === undefined || fromZonedTime(embargo, 'Europe/Paris').getTime() <= now.getTime()) return null;
  const [date, time] = formatDateTime(embargo, lang).split(lang === 'fr' ? ' à ' : ' at ');
  return strings['embargo_until']!.replace('{date}', date ?? '').replace('{time}', time ?? '');
}

/**
 * The correction notices of a document, newest first ("Rectificatif du 20 novembre 2023 : …"), each with the links
 * to the version it replaced on the published site (relative to a page two folders down, as the build's pages are):
 * `documents/<name>-v1.html` and `.pdf`. A collection's sheets are not kept in versions: their notices have no link.
 */
export function correctionNotices(document: Document, lang: Lang, strings: Readonly<Record<string, string>>) {
  const corrections = document.settings.corrections ?? [];
  return corrections
    .map((correction, i) => {
      const previous = document.kind === 'collection' ? null : `../../documents/${publishedName(document, lang, undefined, i + 1)}`;
      return {
        text: typeset(strings['correction']!.replace('{date}', formatDate(correction.date, lang)).replace('{note}', correction.note[lang]), lang),
        previous: previous === null ? null : { html: `${previous}.html`, pdf: `${previous}.pdf`, label: strings['correction_previous']!.replace('{version}', String(i + 1)) },
      };
    })
    .reverse();
}

/** What every document page's layout shows about its document: title, date, issuers, metadata, language links. */
export function pageContext(project: Project, document: Document, lang: Lang, options: { draft?: boolean; assets?: string; strings: Readonly<Record<string, string>> } & PageStateOptions) {
  const s = document.settings;
  const text = (value: string) => typeset(value, lang);
  const issuers = s.issuers.map((id) => project.organisations.get(id)!);
  const blocMarque = issuers.find((o) => o.bloc_marque)?.bloc_marque ?? null;
  // An issuer that the bloc-marque already names ("Gouvernement") is not shown again beside it, only read aloud.
  const words = (value: string) => value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().split(/\s+/).join(' ');
  const inBlocMarque = (name: string) => blocMarque !== null && words(blocMarque.join(' ')) === words(name);
  return {
    lang,
    otherLang: lang === 'fr' ? 'en' : 'fr',
    draft: options.draft ?? false,
    assets: options.assets ?? '../../assets',
    title: text(s.title[lang]),
    description: text(s.description[lang]),
    keywords: s.keywords[lang].join(', '),
    author: issuers.map((o) => o.name[lang]).join(', '),
    date: s.date,
    dateText: formatDate(s.date, lang),
    dateNote: s.date_note ? text(s.date_note[lang]) : null,
    place: s.place === undefined ? null : text(typeof s.place === 'string' ? s.place : s.place[lang]),
    blocMarque,
    issuers: issuers.map((o) => ({ name: text(o.name[lang]), inBlocMarque: inBlocMarque(o.name.fr) })),
    embargoLine: embargoLine(document, lang, options.strings, options.now),
    corrections: correctionNotices(document, lang, options.strings),
  };
}
