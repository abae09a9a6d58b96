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
    const [href, pdf] = review.slug !== undefined ? [`../../bilans/${review.slug}/${lang}.html`, `../../bilans/${review.slug}/${lang}.pdf`] : [review.url?.[lang] ?? '#', null];
    return { html: context.templates.partial('review-link', { lang, href, pdf }), ids: [] };
  },
};
