import type { Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { formatPhone, phoneHref } from '../locale/format-phone.js';
import type { Lang } from '../locale/lang.js';
import { typeset } from '../locale/typography.js';
import type { Project, Release } from '../load/project.js';
import type { Templates } from './create-templates.js';
import { pageContext, type PageStateOptions } from './page-context.js';

/** What a release page shows besides its body; also used for the PDF's metadata. */
export interface ReleasePage {
  readonly html: string;
  readonly title: string;
  readonly author: string;
  readonly subject: string;
  readonly keywords: readonly string[];
}

/** Options of renderRelease. */
export interface RenderReleaseOptions extends PageStateOptions {
  /** Relative URL of the shared assets folder from the page (default "../../assets"). */
  readonly assets?: string;
  /** Whether a quote awaits approval: stamps the page as a draft (default false). */
  readonly draft?: boolean;
}

/** The running footer of a document's printed pages: the press contact, and the address of its organisation. */
export function pageFooter(project: Project, contactId: string, lang: Lang, strings: Readonly<Record<string, string>>): { contact: string; address: string } {
  const contact = project.contacts.get(contactId)!;
  const phone = contact.phone ? formatPhone(contact.phone, lang, (contact.country ?? 'FR') as 'FR') : undefined;
  const address = project.organisations.get(contact.organisation)!.address;
  return {
    contact: typeset(`${strings['press_contact']} : ${contact.email}${phone ? ` – ${phone}` : ''}`, lang),
    address: address ? typeset(address, lang) : '',
  };
}

/** Wraps a release's body in its layout (the body stringified there, once): masthead, date, contacts, "À propos", footer. */
export function renderRelease(
  project: Project,
  templates: Templates,
  release: Release,
  lang: Lang,
  body: Root,
  options: RenderReleaseOptions = {},
): ReleasePage {
  const s = release.settings;
  const text = (value: string) => typeset(value, lang);
  const organisation = (id: string) => project.organisations.get(id)!;
  const contact = (id: string) => {
    const c = project.contacts.get(id)!;
    const country = (c.country ?? 'FR') as 'FR';
    return {
      label: text(c.label[lang]),
      name: c.name ?? null,
      email: c.email,
      phone: c.phone ? formatPhone(c.phone, lang, country) : null,
      phoneHref: c.phone ? phoneHref(c.phone, country) : null,
    };
  };
  const strings = templates.strings[lang];
  const context = pageContext(project, release, lang, { ...options, strings });
  const html = templates.layout('release', {
    ...context,
    body: toHtml(body),
    contacts: s.contacts.map(contact),
    about: s.about.map((id) => {
      const o = organisation(id);
      return { id, title: o.about ? text(o.about.title[lang]) : '', paragraphs: (o.about?.text[lang] ?? []).map(text) };
    }),
    footer: pageFooter(project, s.footer_contact, lang, strings),
    pageLabel: strings['page'] ?? 'page',
  });
  return { html, title: context.title, author: context.author, subject: context.description, keywords: s.keywords[lang] };
}
