/** A document's folder name, a collection row's id: lowercase letters, digits and "-", starting with a letter or digit, at most 81 characters. */
export const SLUG = /^[a-z0-9][a-z0-9-]{0,80}$/;
