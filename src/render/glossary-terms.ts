/**
 * The ids of the glossary entries whose term the texts use, as a whole word and with its capitals ("PLUS", the loan,
 * is not the French "plus"), in the glossary's order.
 */
export function usedTerms(glossary: ReadonlyMap<string, { readonly term: string }>, texts: readonly string[]): Set<string> {
  const used = new Set<string>();
  for (const [id, { term }] of glossary) {
    const word = new RegExp(`(?<![\\p{L}\\p{N}])${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u');
    if (texts.some((text) => word.test(text))) used.add(id);
  }
  return used;
}
