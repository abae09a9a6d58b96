import { readdirSync, readFileSync } from 'node:fs';

/** A process as /proc shows it. */
export interface ProcessInfo {
  readonly pid: number;
  readonly ppid: number;
  /** Process group: Puppeteer starts Chromium as a group leader, so every Chromium process of one browser shares it. */
  readonly pgid: number;
  /** R, S, T (stopped), Z (zombie: exited, not yet reaped)… */
  readonly state: string;
  readonly cmdline: string;
}

/** Every process of the machine (Linux /proc). */
export function processes(): ProcessInfo[] {
  const list: ProcessInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const [state, ppid, pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ');
      list.push({ pid: Number(name), ppid: Number(ppid), pgid: Number(pgid), state: state!, cmdline });
    } catch {
      // the process ended while we looked
    }
  }
  return list;
}

const isChromium = (p: ProcessInfo) => /chrom(e|ium)/i.test(p.cmdline.split(' ')[0] ?? '');

/** The Chromium processes started (directly or not) by `root`, by default this process. */
export function chromiumDescendants(root = process.pid): ProcessInfo[] {
  const all = processes();
  const children = new Map<number, ProcessInfo[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const found: ProcessInfo[] = [];
  const stack = [root];
  while (stack.length > 0) {
    for (const child of children.get(stack.pop()!) ?? []) {
      if (isChromium(child)) found.push(child);
      stack.push(child.pid);
    }
  }
  return found;
}

/** Chromium processes still running (zombies excluded: they have exited) in the given process groups. */
export function chromiumInGroups(groups: ReadonlySet<number>): ProcessInfo[] {
  return processes().filter((p) => groups.has(p.pgid) && isChromium(p) && p.state !== 'Z');
}

/** Zombies of the given process groups (exited, waiting for their parent to reap them). */
export function zombiesInGroups(groups: ReadonlySet<number>): ProcessInfo[] {
  return processes().filter((p) => groups.has(p.pgid) && p.state === 'Z');
}

/** The renderer processes among `list`. */
export function renderers(list: readonly ProcessInfo[]): ProcessInfo[] {
  return list.filter((p) => p.cmdline.includes('--type=renderer'));
}

/**
 * Watches the Chromium processes started by this process every `every` ms, remembering their process groups
 * (which outlive the parent-child links once a browser dies).
 */
export function watchChromium(every = 10): { readonly groups: Set<number>; readonly seen: Set<number>; stop(): void } {
  const groups = new Set<number>();
  const seen = new Set<number>();
  const look = () => {
    for (const p of chromiumDescendants()) {
      groups.add(p.pgid);
      seen.add(p.pid);
    }
  };
  look();
  const timer = setInterval(look, every);
  return {
    groups,
    seen,
    stop() {
      clearInterval(timer);
      look();
    },
  };
}

/** Polls `condition` every 10 ms until it holds or `ms` pass; returns whether it held. */
export async function waitFor(condition: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return condition();
}

/** Sends a signal to each process, ignoring those already gone. */
export function signal(list: readonly ProcessInfo[], name: NodeJS.Signals): number {
  let sent = 0;
  for (const p of list) {
    try {
      process.kill(p.pid, name);
      sent++;
    } catch {
      // gone
    }
  }
  return sent;
}
