/** The one-line summary of each command: shown by `communique --help` (which loads no command) and by `<command> --help`. */
export const SUMMARIES = {
  build: 'Build every release, review and collection sheet as HTML and PDF into the output folder.',
  check: 'Check the content and report every problem with file:line:column; writes nothing.',
  publish: 'Run the final build and write a static site (indexes, feeds, sitemap, fragments, manifest) into <out>/site/.',
  dev: 'Preview every document live on 127.0.0.1, French and English side by side; reloads on save.',
  new: 'Create a new release or review from a commented scaffold; never overwrites.',
  translated: 'Record that a translation was brought up to date with the current French text.',
  approvals: "Show each quote's approval status per language: approved, pending or stale.",
  packet: "Write a cabinet's approval packet: its minister's quotes in both languages, in context, with codes and changes.",
  approve: "Record a cabinet's approval of a quote, bound to its exact words by the packet's code.",
  schema: "Write the JSON Schemas of the content's YAML files into <content>/schemas/, for editors.",
} as const;
