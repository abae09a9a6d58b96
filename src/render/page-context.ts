import { formatDate } from '../locale/format-date.js';
import type { Lang } from '../locale/lang.js';
import { typeset } from '../locale/typography.js';
import type { Document, Project } from '../load/project.js';

/** What every document page's layout shows about its document: title, date, issuers, metadata, language links. */
export function pageContext(project: Project, document: Document, lang: Lang, options: { draft?: boolean; assets?: string }) {
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
  };
}
