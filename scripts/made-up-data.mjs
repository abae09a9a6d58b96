// What the made-up datasets share: the regions their fictitious places are drawn in, and a seeded generator, so
// that a dataset is the same file on every run.

/** The regions of France, in French and English. */
export const REGIONS = [
  ['Auvergne-Rhône-Alpes', 'Auvergne-Rhône-Alpes'],
  ['Bourgogne-Franche-Comté', 'Bourgogne-Franche-Comté'],
  ['Bretagne', 'Brittany'],
  ['Centre-Val de Loire', 'Centre-Val de Loire'],
  ['Corse', 'Corsica'],
  ['Grand Est', 'Grand Est'],
  ['Hauts-de-France', 'Hauts-de-France'],
  ['Île-de-France', 'Île-de-France'],
  ['Normandie', 'Normandy'],
  ['Nouvelle-Aquitaine', 'Nouvelle-Aquitaine'],
  ['Occitanie', 'Occitanie'],
  ['Pays de la Loire', 'Pays de la Loire'],
  ['Provence-Alpes-Côte d’Azur', 'Provence-Alpes-Côte d’Azur'],
  ['Guadeloupe', 'Guadeloupe'],
  ['Martinique', 'Martinique'],
  ['Guyane', 'French Guiana'],
  ['La Réunion', 'Réunion'],
  ['Mayotte', 'Mayotte'],
];

/** mulberry32: a small seeded generator; `between(min, max)` draws a whole number in [min, max]. */
export function seeded(seed) {
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { random, between: (min, max) => min + Math.floor(random() * (max - min + 1)) };
}
