import type { Component } from '../component.js';

/** `<ReviewLink />`: "Consulter le bilan complet" / "Read the full review", to the release's review. */
export const reviewLink: Component = {
  name: 'ReviewLink',
  usage: '<ReviewLink /> links to the full review named in release.yaml (review.url)',
  attributes: {},
  placement: 'block',
  render(context) {
    const review = context.document.settings.review;
    if (!review) {
      context.error('<ReviewLink /> needs a review: add "review: { url: { fr: …, en: … } }" to release.yaml, or remove the link.', 'missing-review');
      return undefined;
    }
    return { html: context.templates.partial('review-link', { lang: context.lang, href: review.url[context.lang] }), ids: [] };
  },
};
