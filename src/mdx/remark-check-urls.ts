import type { Root } from 'mdast';
import type { Plugin } from 'unified';
import { visit } from 'unist-util-visit';
import { fail } from '../core/messages.js';

const LINK_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);

/** The scheme of a URL as a browser would read it (control characters and spaces removed, lowercased), or null. */
export function urlScheme(url: string): string | null {
  const cleaned = url.replace(/[\u0000-\u0020\u007F-\u009F]/g, '');
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned);
  return match ? match[1]!.toLowerCase() : null;
}

/** Whether a URL names a host without a scheme ("//host/…", or "\\\\host" and "/\\host", which browsers read the same way). */
export function isNetworkPath(url: string): boolean {
  return /^[\u0000-\u0020]*[\\/]{2}/.test(url);
}

/**
 * Links may only go to http(s), mailto, tel, an anchor of the page or a path in the build; images are never fetched
 * from outside the build. A link to "//host" is refused too: it takes the scheme of the page, and a page opened from
 * the disk would send it to file://host (a share on the local network).
 */
export const remarkCheckUrls: Plugin<[], Root> = () => (tree, file) => {
  visit(tree, (node) => {
    if (node.type === 'link' || node.type === 'definition') {
      const scheme = urlScheme(node.url);
      if (scheme !== null && !LINK_SCHEMES.has(scheme)) {
        fail(file, `Links with the "${scheme}:" scheme are not allowed: use an http(s), mailto: or tel: address.`, 'unsafe-url', node.position);
      } else if (scheme === null && isNetworkPath(node.url)) {
        fail(file, `The link "${node.url}" names a host without a scheme: opened from a file, it would point at the disk or the local network. Write the full address, https://….`, 'unsafe-url', node.position);
      }
    }
    if (node.type === 'image' || node.type === 'imageReference') {
      const url = node.type === 'image' ? node.url : node.identifier;
      const scheme = node.type === 'image' ? urlScheme(url) : null;
      const reason =
        scheme !== null || isNetworkPath(url)
          ? `The image "${url}" is not part of the build: images are never fetched from the network or the disk. Remove it.`
          : `Images are not supported in a document body ("${url}"): remove it.`;
      fail(file, reason, 'remote-asset', node.position);
    }
  });
};
