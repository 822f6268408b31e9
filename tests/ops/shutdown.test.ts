// SIGTERM on the compiled server: an upload in flight completes, new connections are refused, idle
// keep-alive connections do not hold the process open, and it exits 0; a request that never ends is
// cut at CATALOGO_SHUTDOWN_SECONDS and the process still exits 0.
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { runAction } from '../../server/core/actions';
import { compiledRoot } from '../support/compiled';
import { makeOrg, makeUser, sysadminContext, TestUser } from '../support/factories';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { acceptsConnections, ServerProcess, startServerProcess } from './server-process';

let cat: TestCatalogue;
let editor: TestUser;
let datasetId = '';

beforeAll(async () => {
  compiledRoot();
  cat = await startCatalogue();
  editor = await makeUser(cat, { sysadmin: true });
  const org = await makeOrg(cat);
  datasetId = (await runAction('package_create', await sysadminContext(cat), { name: 'lento', title: 'Lento', notes: 'x', owner_org: org.name })).id;
}, 120_000);
afterAll(async () => cat?.close());

/** A multipart resource_create, sent in two parts: headers and the first half now, the rest later. */
function slowUpload(server: ServerProcess, agent: http.Agent, content: Buffer) {
  const boundary = `----catalogo${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="package_id"\r\n\r\n${datasetId}\r\n`
    + `--${boundary}\r\nContent-Disposition: form-data; name="upload"; filename="lento.csv"\r\nContent-Type: text/csv\r\n\r\n`);
  const body = Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  const half = head.length + content.length / 2;
  const req = http.request({
    host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/3/action/resource_create', agent,
    headers: {
      Authorization: editor.token, 'Content-Type': `multipart/form-data; boundary=${boundary}`,
      'Content-Length': body.length, Expect: '100-continue',
    },
  });
  const response = new Promise<{ status: number; connection?: string; json: any }>((resolve, reject) => {
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, json: JSON.parse(Buffer.concat(chunks).toString()) }));
    });
    req.on('error', reject);
  });
  response.catch(() => undefined);
  // The server answers 100 Continue once its handler has the request: from then on it is in flight.
  const inFlight = new Promise<void>((resolve) => req.on('continue', () => req.write(body.subarray(0, half), () => resolve())));
  req.flushHeaders();
  return { inFlight, finish: () => req.end(body.subarray(half)), response };
}

/** A keep-alive connection left idle in the agent's pool; resolves when the server closes it. */
async function idleKeepAlive(server: ServerProcess, agent: http.Agent): Promise<Promise<void>> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port: server.port, path: '/healthz', agent }, (res) => {
      const closed = new Promise<void>((done) => res.socket.on('close', () => done()));
      res.resume();
      res.on('end', () => resolve(closed));
    }).on('error', reject);
  });
}

describe('graceful shutdown of the compiled server', () => {
  it('lets an upload in flight finish, refuses new connections and exits 0', async () => {
    const server = await startServerProcess(cat, { CATALOGO_SHUTDOWN_SECONDS: '60' });
    const agent = new http.Agent({ keepAlive: true });
    const idleClosed = await idleKeepAlive(server, agent);
    const content = randomBytes(256 * 1024);
    const upload = slowUpload(server, agent, content);
    await upload.inFlight;

    server.child.kill('SIGTERM');
    await server.logged(/^arresto:/);
    expect(await acceptsConnections(server.port)).toBe(false);
    await idleClosed;
    upload.finish();

    const { status, connection, json } = await upload.response;
    expect(status).toBe(200);
    expect(connection).toBe('close');
    expect(json.result.hash).toBe(createHash('sha256').update(content).digest('hex'));
    expect(await server.exited).toBe(0);
    // The request's own log line may come before or after it: both are written as the process winds down.
    expect(server.lines.map((line) => line.msg)).toContain('arresto completato');
    const shown = await runAction('package_show', await sysadminContext(cat), { id: datasetId });
    expect(shown.resources.map((r: { id: string }) => r.id)).toContain(json.result.id);
    agent.destroy();
  }, 60_000);

  it('closes a request that does not finish within CATALOGO_SHUTDOWN_SECONDS, then exits 0', async () => {
    const server = await startServerProcess(cat, { CATALOGO_SHUTDOWN_SECONDS: '1' });
    const agent = new http.Agent({ keepAlive: true });
    const upload = slowUpload(server, agent, randomBytes(64 * 1024));
    await upload.inFlight;

    server.child.kill('SIGTERM');
    await expect(upload.response).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(await server.exited).toBe(0);
    expect(server.lines.map((line) => line.msg)).toContain('arresto: tempo scaduto, chiudo le connessioni ancora aperte');
    agent.destroy();
  }, 60_000);
});
