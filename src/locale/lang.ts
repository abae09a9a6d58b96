/** The languages every document is written in. */
export const LANGS = ['fr', 'en'] as const;

/** A document language. */
export type Lang = (typeof LANGS)[number];

/** The name of each language in English, for messages: "French", "English". */
export const LANGUAGE_NAME = { fr: 'French', en: 'English' } as const satisfies Record<Lang, string>;

/** U+00A0 NO-BREAK SPACE: before a colon, between a number and its unit (fr). */
export const NBSP = '\u00A0';

/** U+202F NARROW NO-BREAK SPACE: before ; ! ? and inside « » (fr), thousands separator (fr). */
export const NNBSP = '\u202F';
