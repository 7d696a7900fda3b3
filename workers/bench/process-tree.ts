import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time and memory of a process and all its descendants, read from Linux's `/proc`: the
 * server may be one process or a cluster primary with a worker per core (and `tsx` puts a
 * launcher process in front of either).
 */

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
const RSS_SAMPLE_INTERVAL_MS = 250;

interface ProcessStat {
  pid: number;
  parent: number;
  /**
   * User and system time of the process and of its children that have exited and been waited
   * for, so a worker that exits during a phase still counts in its parent's total.
   */
  cpuTicks: number;
}

/** Usage of a process tree over one phase. */
export interface TreeUsage {
  cpuMs: number;
  /** Largest resident set seen for each process of the tree, in MiB. */
  maxRssMiB: Map<number, number>;
}

export interface TreeWatch {
  stop(): TreeUsage;
}

/** Starts measuring: CPU as the difference between now and `stop()`, RSS sampled meanwhile. */
export function watchProcessTree(rootPid: number): TreeWatch {
  const cpuBefore = treeCpuMs(rootPid);
  const maxRssMiB = new Map<number, number>();
  const sample = () => {
    for (const pid of processTree(rootPid)) {
      const rss = residentMiB(pid);
      if (rss !== null) maxRssMiB.set(pid, Math.max(rss, maxRssMiB.get(pid) ?? 0));
    }
  };
  sample();
  const timer = setInterval(sample, RSS_SAMPLE_INTERVAL_MS);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { cpuMs: treeCpuMs(rootPid) - cpuBefore, maxRssMiB };
    },
  };
}

/** The command line of a process, shortened for a table. */
export function describeProcess(pid: number): string {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return argv
      .filter((arg) => !arg.startsWith('--'))
      .map((arg) => arg.replace(/^.*node_modules\//, ''))
      .join(' ')
      .slice(0, 80);
  } catch {
    return '(exited)';
  }
}

/** The parent of each process in the tree. */
export function parentOf(pid: number): number | null {
  return readStat(pid)?.parent ?? null;
}

/** CPU time the process tree has used so far, in ms. */
export function treeCpuMs(rootPid: number): number {
  return (treeCpuTicks(rootPid) * 1000) / TICKS_PER_SECOND;
}

function treeCpuTicks(rootPid: number): number {
  return processTree(rootPid).reduce((sum, pid) => sum + (readStat(pid)?.cpuTicks ?? 0), 0);
}

/** The root and every live descendant, root first. */
export function processTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (!stat) continue;
    children.set(stat.parent, [...(children.get(stat.parent) ?? []), stat.pid]);
  }
  const tree: number[] = [];
  const pending = [rootPid];
  while (pending.length > 0) {
    const pid = pending.shift()!;
    tree.push(pid);
    pending.push(...(children.get(pid) ?? []));
  }
  return tree;
}

function readStat(pid: number): ProcessStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) is in parentheses and may itself contain spaces or parentheses.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number);
  return { pid, parent: Number(fields[1]), cpuTicks: utime! + stime! + cutime! + cstime! };
}

function residentMiB(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}
