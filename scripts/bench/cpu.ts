// CPU time per process from /proc (Linux): user + system time of a process and its descendants
// (Hive Gateway forks workers), and of the PostgreSQL backends serving given databases. CPU per
// request stays meaningful on a shared machine, where wall time depends on the neighbours.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** Parent pid and CPU milliseconds of one process, or null when it is gone or unreadable. */
function stat(pid: number): { parent: number; ms: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may contain spaces: state, ppid, …, utime (14th), stime (15th).
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { parent: Number(fields[1]), ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

/** CPU milliseconds of each root process together with all its descendants. */
export function treeCpuMs(roots: number[]): number[] {
  const children = new Map<number, number[]>();
  const all = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const info = stat(Number(entry));
    if (!info) continue;
    all.set(Number(entry), info.ms);
    children.set(info.parent, [...(children.get(info.parent) ?? []), Number(entry)]);
  }
  const total = (pid: number): number => (all.get(pid) ?? 0) + (children.get(pid) ?? []).reduce((sum, child) => sum + total(child), 0);
  return roots.map(total);
}

/** CPU milliseconds of each given process alone (PostgreSQL backends); missing ones are left out. */
export function cpuMsOf(pids: number[]): Map<number, number> {
  const found = new Map<number, number>();
  for (const pid of pids) {
    const info = stat(pid);
    if (info) found.set(pid, info.ms);
  }
  return found;
}
