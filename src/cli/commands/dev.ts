import { startPreviewServer } from '../../dev/preview-server.js';
import { createPreviewPipeline } from '../../pipeline/preview.js';
import { DEFAULT_TEMPLATES } from '../../render/create-templates.js';
import { CONTENT_OPTION, summarise, UsageError, type Command } from '../command.js';
import { SUMMARIES } from '../summaries.js';

/** `communique dev`: the live preview on 127.0.0.1. */
export const devCommand: Command = {
  name: 'dev',
  summary: SUMMARIES.dev,
  usage: 'communique dev [--port N] [--content DIR]',
  options: { ...CONTENT_OPTION, port: { type: 'string', default: '4321' } },
  help: ['--port N        the port on 127.0.0.1 (default: 4321)', '--content DIR   the content folder (default: content)'],
  async run(values, _, io) {
    const port = Number(values['port']);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${String(values['port'])}".`);
    const content = String(values['content']);
    const pipeline = createPreviewPipeline(content);
    const server = await startPreviewServer({
      content,
      port,
      watch: [DEFAULT_TEMPLATES],
      templates: pipeline.templates,
      render: pipeline.render,
      print: pipeline.print,
      onRender: (ms, state) => {
        const summary = state.failure ? `failed: ${state.failure.message}` : summarise(state.preview?.files ?? []) || 'no problems';
        io.err(`${new Date().toLocaleTimeString('fr-FR')}  re-rendered in ${ms} ms (${summary})\n`);
      },
    });
    io.out(`Preview on ${server.url}/ (Ctrl+C to stop). Watching ${content}/.\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
    await pipeline.close();
    return 0;
  },
};
