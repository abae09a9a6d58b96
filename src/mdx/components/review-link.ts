import { posix } from 'node:path';
import { documentPath } from '../../render/document-path.js';
import type { Component } from '../component.js';

/** `<ReviewLink />`: "Consulter le bilan complet" / "Read the full review", to the release's review in the same language. */
export const reviewLink: Component = {
  name: 'ReviewLink',
  usage: '<ReviewLink /> links to the full review named in release.yaml (review.slug, or review.url)',
  attributes: {},
  placement: 'block',
  render(context) {
    const { document, lang } = context;
    if (document.kind !== 'release') {
      context.error('<ReviewLink /> belongs in a press release, to link to its full review: remove it from this review.', 'component-placement');
      return undefined;
    }
    const review = document.settings.review;
    if (!review) {
      context.error('<ReviewLink /> needs a review: add "review: { slug: <folder of the review in reviews/> }" (or "review: { url: { fr: …, en: … } }") to release.yaml, or remove the link.', 'missing-review');
      return undefined;
    }
    // The review's page and PDF, relative to the release's page.
    const from = posix.dirname(documentPath(document, lang));
    const to = (extension: 'html' | 'pdf') => posix.relative(from, documentPath({ kind: 'review', slug: review.slug! }, lang, extension));
    const [href, pdf] = review.slug !== undefined ? [to('html'), to('pdf')] : [review.url?.[lang] ?? '#', null];
    return { html: context.templates.partial('review-link', { lang, href, pdf }), ids: [] };
  },
};
