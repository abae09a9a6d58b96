// The peak resident memory of a process tree while a command runs: the bench's memory rows.
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';

/**
 * Runs `command` and gives its peak resident memory in MB, node and every process it started (Chromium) added up,
 * sampled from /proc every 10 ms, and its wall time in ms. Rejects when the command fails.
 */
export function peakMemory(command, args, { cwd } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, stdio: 'ignore' });
    let peak = 0;
    let sampling = false;
    const sample = async () => {
      if (sampling) return;
      sampling = true;
      let total = 0;
      for (const pid of await descendants(child.pid)) {
        const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
        const match = /VmRSS:\s+(\d+) kB/.exec(status);
        if (match) total += Number(match[1]);
      }
      peak = Math.max(peak, total);
      sampling = false;
    };
    const timer = setInterval(sample, 10);
    child.on('exit', (code) => {
      clearInterval(timer);
      const elapsed = performance.now() - started;
      code === 0 ? resolve({ peakMb: peak / 1024, elapsed }) : reject(new Error(`${command} ${args.join(' ')} exited ${code}`));
    });
  });
}

/** A process and all its descendants, from /proc. */
async function descendants(root) {
  const children = new Map();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(Number(name));
  }
  const all = [root];
  for (let i = 0; i < all.length; i++) all.push(...(children.get(all[i]) ?? []));
  return all;
}
