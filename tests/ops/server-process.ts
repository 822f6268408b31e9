// The compiled server as a child process on a test catalogue's data, for the shutdown tests: its log
// lines as they come, its exit code, and a free loopback port.
import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import readline from 'node:readline';
import { compiledEntry } from '../support/compiled';
import { TestCatalogue } from '../support/harness';

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  /** Every JSON log line printed so far. */
  lines: Array<Record<string, unknown>>;
  /** Resolves with the first log line (past or future) whose message matches. */
  logged(message: RegExp): Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export async function startServerProcess(cat: TestCatalogue, env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [compiledEntry('server/main')], {
    env: {
      PATH: process.env.PATH ?? '', PORT: String(port), CATALOGO_DATA_DIR: cat.dataDir, DATABASE_URL: cat.config.databaseUrl ?? '',
      CATALOGO_SEED: 'none', CATALOGO_SITE_URL: `http://127.0.0.1:${port}`, CATALOGO_LOG_LEVEL: 'info', ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: Array<Record<string, unknown>> = [];
  const waiting: Array<{ message: RegExp; resolve(line: Record<string, unknown>): void }> = [];
  readline.createInterface({ input: child.stdout! }).on('line', (text) => {
    const line = JSON.parse(text) as Record<string, unknown>;
    lines.push(line);
    for (const wait of waiting.filter((w) => w.message.test(String(line.msg)))) wait.resolve(line);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const logged = (message: RegExp) => new Promise<Record<string, unknown>>((resolve) => {
    const past = lines.find((line) => message.test(String(line.msg)));
    if (past) resolve(past);
    else waiting.push({ message, resolve });
  });
  const ready = await Promise.race([logged(/in ascolto/), exited.then((code) => code)]);
  if (typeof ready !== 'object' || ready === null) throw new Error(`the server exited with code ${ready} before listening`);
  return { child, port, lines, logged, exited };
}

/** Whether a new TCP connection to the port is accepted. */
export function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}
