import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { parentOf, watchProcessTree } from './process-tree';

describe.runIf(process.platform === 'linux')('watchProcessTree', () => {
  it('counts the CPU and memory of a child’s own children', async () => {
    // The shell stays (a command follows), so the spinning node process is its child, our grandchild.
    const shell = spawn('sh', ['-c', 'node -e "const until = Date.now() + 1500; while (Date.now() < until);"; exit 0']);
    const exited = once(shell, 'exit');
    const watch = watchProcessTree(shell.pid!);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const usage = watch.stop();
    const grandchild = [...usage.maxRssMiB.keys()].find((pid) => pid !== shell.pid);
    expect(grandchild && parentOf(grandchild)).toBe(shell.pid);
    expect(usage.maxRssMiB.get(grandchild!)).toBeGreaterThan(10);
    expect(usage.cpuMs).toBeGreaterThan(50);
    await exited;
  });
});
