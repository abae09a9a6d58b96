import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, posix } from 'node:path';
import type { Templates } from './create-templates.js';

/** A file served to the browser or written to the output, with its media type. */
export interface Asset {
  readonly body: Uint8Array | string;
  readonly type: string;
}

/** Files by path below the output root (e.g. "assets/communique.css"). */
export type Assets = Map<string, Asset>;

const require = createRequire(import.meta.url);
/** The DSFR's web fonts (woff2 and woff). */
export const DSFR_FONTS = join(dirname(require.resolve('@gouvfr/dsfr/package.json')), 'dist', 'fonts');

/** The stylesheets and the fonts they use (from the DSFR package), written under assets/. */
export async function sharedAssets(templates: Templates): Promise<Assets> {
  const assets: Assets = new Map();
  const fonts: Array<Promise<void>> = [];
  for (const [name, css] of templates.styles) {
    assets.set(`assets/${name}`, { body: css, type: 'text/css; charset=utf-8' });
    for (const [, font] of css.matchAll(/url\("fonts\/([A-Za-z0-9_-]+\.woff2)"\)/g)) {
      const path = `assets/fonts/${font!}`;
      if (assets.has(path)) continue;
      const asset = { body: new Uint8Array(), type: 'font/woff2' };
      assets.set(path, asset); // in the stylesheets' order; the fonts are read all at once
      fonts.push(readFile(join(DSFR_FONTS, font!)).then((body) => void (asset.body = body)));
    }
  }
  await Promise.all(fonts);
  return assets;
}

const DSFR_DIST = join(dirname(require.resolve('@gouvfr/dsfr/package.json')), 'dist');

/** The DSFR's stylesheets the published site uses (its header, footer, logo, links, buttons, skip links), in its order. */
const DSFR_PARTS = ['core/core', 'component/link/link', 'component/button/button', 'component/logo/logo', 'component/skiplink/skiplink', 'component/header/header', 'component/footer/footer'];

/** The DSFR favicons, served at the site's root (favicon.ico) and under assets/. */
const DSFR_FAVICONS = ['favicon.svg', 'favicon.ico', 'apple-touch-icon.png'];

/**
 * What the published site adds to the build's assets: `assets/dsfr.css` (the DSFR's own stylesheets, one file,
 * without their @font-face rules: communique.css declares Marianne once), the DSFR icons it names, the site's own
 * stylesheet (templates/site/site.css) and the DSFR favicons.
 */
export async function siteAssets(templatesDir: string): Promise<Assets> {
  const assets: Assets = new Map();
  let dsfr = `/* DSFR ${JSON.parse(await readFile(join(DSFR_DIST, '..', 'package.json'), 'utf8')).version as string}, Système de design de l'État (MIT licence) */\n`;
  for (const part of DSFR_PARTS) {
    const css = (await readFile(join(DSFR_DIST, `${part}.min.css`), 'utf8')).replace(/\/\*![\s\S]*?\*\//g, '').replace(/@font-face\{[^}]*\}/g, '');
    dsfr += `${css.replace(/url\((?:\.\.\/)+icons\/([a-z0-9/-]+\.svg)\)/g, 'url(icons/$1)')}\n`;
  }
  assets.set('assets/dsfr.css', { body: dsfr, type: 'text/css; charset=utf-8' });
  for (const [, icon] of dsfr.matchAll(/url\(icons\/([a-z0-9/-]+\.svg)\)/g)) {
    if (!assets.has(`assets/icons/${icon!}`)) assets.set(`assets/icons/${icon!}`, { body: await readFile(join(DSFR_DIST, 'icons', icon!)), type: 'image/svg+xml' });
  }
  assets.set('assets/site.css', { body: await readFile(join(templatesDir, 'site', 'site.css'), 'utf8'), type: 'text/css; charset=utf-8' });
  for (const name of DSFR_FAVICONS) {
    assets.set(`assets/${name}`, { body: await readFile(join(DSFR_DIST, 'favicon', name)), type: name.endsWith('.svg') ? 'image/svg+xml' : name.endsWith('.png') ? 'image/png' : 'image/x-icon' });
  }
  return assets;
}

/**
 * Content-hashed names for the files below assets/ ("assets/communique.css" → "assets/communique.3f9c2a1b.css"), so
 * that a page never gets an older stylesheet from a cache. A stylesheet's hash covers the hashed names of the fonts
 * and icons it names, so a new font gives the stylesheet a new name too. Returns the renamed files and the old →
 * new names.
 */
export function hashAssetNames(files: ReadonlyMap<string, Uint8Array | string>): { files: Map<string, Uint8Array | string>; names: Map<string, string> } {
  const names = new Map<string, string>();
  const out = new Map<string, Uint8Array | string>();
  const hashed = (path: string, body: Uint8Array | string) => path.replace(/(\.[a-z0-9]+)$/i, `.${createHash('sha256').update(body).digest('hex').slice(0, 10)}$1`);
  // Fonts, icons and images first: the stylesheets name them.
  const paths = [...files.keys()].filter((p) => p.startsWith('assets/')).sort((a, b) => Number(a.endsWith('.css')) - Number(b.endsWith('.css')) || (a < b ? -1 : 1));
  for (const path of paths) {
    let body = files.get(path)!;
    if (path.endsWith('.css')) {
      const dir = posix.dirname(path);
      body = String(body).replace(/url\((["']?)([^"')]+)\1\)/g, (whole, quote: string, url: string) => {
        const renamed = names.get(posix.join(dir, url));
        return renamed ? `url(${quote}${posix.relative(dir, renamed)}${quote})` : whole;
      });
    }
    const name = hashed(path, body);
    names.set(path, name);
    out.set(name, body);
  }
  return { files: out, names };
}
