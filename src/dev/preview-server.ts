import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isAbsolute, relative, resolve } from 'node:path';
import type { VFile } from 'vfile';
import { CommuniqueError } from '../core/errors.js';
import type { Lang } from '../locale/lang.js';
import type { Asset } from '../render/assets.js';
import type { Templates } from '../render/create-templates.js';
import type { PreviewFigure } from './figure-history.js';
import { watchTree } from './watch-tree.js';

/** One document page of a preview. */
export interface PreviewDocument {
  readonly slug: string;
  readonly kind: string;
  readonly lang: Lang;
  readonly title: string;
  /** Path of its HTML below the output root, e.g. communiques/<slug>/fr.html. */
  readonly path: string;
  /** The figures the document cites, with the value it cites and the indicator's other values (default none). */
  readonly figures?: readonly PreviewFigure[];
}

/** The whole content rendered in memory: every file's messages, and the pages and assets by path. */
export interface Preview {
  readonly files: readonly VFile[];
  readonly documents: readonly PreviewDocument[];
  readonly pages: ReadonlyMap<string, Asset>;
}

/** Options of startPreviewServer. */
export interface PreviewServerOptions {
  /** The content folder, watched for changes. */
  readonly content: string;
  /** Other folders whose changes trigger a re-render (default none). */
  readonly watch?: readonly string[];
  /** Port on 127.0.0.1 (default 4321; 0 picks a free one). */
  readonly port?: number;
  readonly templates: () => Promise<Templates>;
  /** Renders the content in memory. */
  readonly render: () => Promise<Preview>;
  /** Prints a page of the preview to PDF, on demand. */
  readonly print?: (path: string, pages: Preview['pages']) => Promise<Uint8Array>;
  /** Called after each re-render with its duration in ms and the preview (or the failure). */
  readonly onRender?: (ms: number, state: { preview: Preview | undefined; failure: Error | undefined }) => void;
}

/** A running preview server. */
export interface PreviewServer {
  readonly url: string;
  /** Resolves after the next re-render (for tests and tools). */
  readonly rendered: () => Promise<void>;
  close(): Promise<void>;
}

type State = { preview: Preview; failure: undefined } | { preview: Preview | undefined; failure: CommuniqueError | Error };

/** Starts the live preview: an index, each document side by side in both languages, PDFs on demand, reload on save. */
export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const content = resolve(options.content);
  let templates = await options.templates();
  let state: State = await renderState(options, undefined);
  let version = 0;
  const clients = new Set<ServerResponse>();
  const waiters: Array<() => void> = [];

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const rerender = () => {
    running = running.then(async () => {
      try {
        templates = await options.templates();
      } catch {
        // keep the previous templates; the render reports the problem
      }
      const started = performance.now();
      state = await renderState(options, state.preview);
      options.onRender?.(Math.round(performance.now() - started), state);
      version++;
      for (const client of clients) client.write(`event: reload\ndata: ${version}\n\n`);
      waiters.splice(0).forEach((resolve) => resolve());
    });
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(rerender, 25);
  };
  const watcher = await watchTree([content, ...(options.watch ?? [])], schedule);

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(`The preview failed: ${(error as Error).message}`);
    });
  });

  const page = (response: ServerResponse, status: number, layout: string, context: object) => {
    response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(templates.layout(layout, { lang: 'fr', ...context }));
  };

  const messagesOf = (files: readonly VFile[]) =>
    files
      .filter((f) => f.messages.length > 0)
      .map((f) => ({
        file: f.path,
        messages: f.messages.map((m) => ({
          place: `${f.path}:${m.line ?? 1}:${m.column ?? 1}`,
          href: `/source?file=${encodeURIComponent(f.path)}&line=${m.line ?? 1}#L${m.line ?? 1}`,
          severity: m.fatal ? 'error' : m.fatal === false ? 'warning' : 'info',
          reason: m.reason,
          ruleId: m.ruleId ?? '',
        })),
      }));

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname);
    const preview = state.preview;
    const failure = state.failure ? { message: state.failure.message, hint: state.failure instanceof CommuniqueError ? state.failure.hint : '' } : null;

    if (path === '/events') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      response.write(`retry: 500\ndata: ${version}\n\n`);
      clients.add(response);
      request.on('close', () => clients.delete(response));
      return;
    }
    if (path === '/') {
      const slugs = [...new Set((preview?.documents ?? []).map((d) => `${d.kind}/${d.slug}`))];
      const documents = slugs.map((key) => {
        const docs = preview!.documents.filter((d) => `${d.kind}/${d.slug}` === key);
        return { href: `/doc/${key}`, title: docs.find((d) => d.lang === 'fr')?.title ?? docs[0]!.title, slug: docs[0]!.slug, kind: docs[0]!.kind };
      });
      page(response, 200, 'dev-index', { title: 'Aperçu', documents, files: messagesOf(state.preview?.files ?? []), failure, version });
      return;
    }
    const doc = /^\/doc\/([a-z]+)\/([a-z0-9-]+(?:\/[a-z0-9-]+)?)$/.exec(path);
    if (doc) {
      const [, kind, slug] = doc;
      const docs = (preview?.documents ?? []).filter((d) => d.kind === kind && d.slug === slug);
      const files = messagesOf((preview?.files ?? []).filter((f) => f.messages.length > 0));
      const errors = (preview?.files ?? []).some((f) => f.messages.some((m) => m.fatal));
      page(response, docs.length === 0 && !errors && !failure ? 404 : 200, 'dev-document', {
        title: docs[0]?.title ?? slug,
        slug,
        kind,
        panes: errors || failure ? [] : docs.map((d) => ({ lang: d.lang, src: `/page/${d.path}`, pdf: `/pdf/${d.path.replace(/\.html$/, '.pdf')}`, title: d.title })),
        figures: errors || failure ? [] : (docs[0]?.figures ?? []),
        files,
        errors,
        failure,
        version,
      });
      return;
    }
    if (path.startsWith('/page/') && preview) {
      const asset = preview.pages.get(path.slice('/page/'.length));
      if (asset) {
        response.writeHead(200, { 'content-type': asset.type, 'cache-control': 'no-store' });
        response.end(asset.body);
        return;
      }
    }
    // A PDF links to the pages beside it, relative to itself (linksRelativeTo): from /pdf/…, to the page at /page/….
    if (path.startsWith('/pdf/') && path.endsWith('.html') && preview?.pages.has(path.slice('/pdf/'.length))) {
      response.writeHead(302, { location: `/page/${path.slice('/pdf/'.length)}`, 'cache-control': 'no-store' });
      response.end();
      return;
    }
    if (path.startsWith('/pdf/') && preview && options.print) {
      const html = path.slice('/pdf/'.length).replace(/\.pdf$/, '.html');
      if (preview.pages.has(html)) {
        const pdf = await options.print(html, preview.pages);
        response.writeHead(200, { 'content-type': 'application/pdf', 'cache-control': 'no-store' });
        response.end(pdf);
        return;
      }
    }
    if (path === '/source') {
      const file = url.searchParams.get('file') ?? '';
      const full = resolve(file);
      const inside = relative(content, full);
      if (file && !inside.startsWith('..') && !isAbsolute(inside)) {
        const text = await readFile(full, 'utf8').catch(() => undefined);
        if (text !== undefined) {
          const line = Number(url.searchParams.get('line') ?? 0);
          page(response, 200, 'dev-source', { title: file, file, lines: text.split('\n').map((t, i) => ({ n: i + 1, text: t, current: i + 1 === line })), version });
          return;
        }
      }
    }
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('Not found.');
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4321, '127.0.0.1', resolveListen);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    rendered: () => new Promise((resolveWait) => waiters.push(resolveWait)),
    async close() {
      clearTimeout(timer);
      watcher.close();
      for (const client of clients) client.end();
      await new Promise((r) => server.close(r));
      await running;
    },
  };
}

async function renderState(options: PreviewServerOptions, previous: Preview | undefined): Promise<State> {
  try {
    return { preview: await options.render(), failure: undefined };
  } catch (error) {
    return { preview: previous, failure: error as Error };
  }
}
