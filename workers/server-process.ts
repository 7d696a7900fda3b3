import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

export interface ServerProcess {
  url: string;
  /** The process started: the server itself, or `npm` (which execs the server) with `viaNpm`. */
  pid: number;
  /** Everything the server printed so far, line by line. */
  output: string[];
  /** Resolves with the exit code once the process has exited (null when a signal ended it). */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** The server's command line, as `npm start` runs it: node on the compiled server. */
const SERVER_ARGS = ['--conditions=react-server', 'workers/start.mjs'];

/**
 * Starts the production server (`npm start`'s entry) as its own process, the way it runs
 * for real, and waits until it answers its health check.
 */
export async function startServerProcess(env: Record<string, string>, port: number, options: { viaNpm?: boolean } = {}): Promise<ServerProcess> {
  const root = process.cwd();
  // Built beforehand, so a first build does not count against the wait for health.
  const build = spawnSync(process.execPath, ['workers/build.mjs', '--if-needed'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`the build failed (exit code ${build.status})`);
  const [command, args] = options.viaNpm ? ['npm', ['start', '--silent']] : [process.execPath, SERVER_ARGS];
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), TAILOR_HOST: '127.0.0.1', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const output: string[] = [];
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    output.push(...lines);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child);
  return { url, pid: child.pid!, output, exited, stop: () => stopProcess(child) };
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode} before answering`);
    try {
      const response = await fetch(`${url}/api/v1/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not become healthy within ${timeoutMs / 1000} s`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
