// Multipart bodies that never arrive whole: a client that hangs up, one that stops sending, one that may
// not upload at all. Each must settle at once, delete its partial file and close its file handle.
import path from 'node:path';
import request from 'supertest';
import { loadConfig } from '../../server/config';
import { csrfTokenIn, unescapeHtml } from '../pages/helpers';
import { eventually, filesUnder, listen, multipartBody, openDescriptors, postHead, rawRequest, within } from './raw-http';
import { catalogueWithDataset } from './setup';

const setup = catalogueWithDataset({ CATALOGO_UPLOAD_STALL_SECONDS: '1' });
let cat: typeof setup.cat;
let world: typeof setup.world;
let ds: any;
let server: { port: number; close(): Promise<void> };
const tmp = () => filesUnder(path.join(cat.dataDir, 'tmp'));
const ENOUGH = 15_000; // long enough never to be hit by a correct server, short enough to fail a hanging one

beforeAll(async () => {
  ({ cat, world, ds } = setup);
  server = await listen(cat.app);
});
afterAll(async () => server?.close());

/** Starts an upload of `declared` bytes to `action`, sending the fields and `sent` bytes of the file. */
function partialUpload(pathAndQuery: string, fields: Record<string, string>, opts: { sent: number; declared: number; headers?: Record<string, string> }) {
  const body = multipartBody(fields);
  const length = body.head.length + opts.declared + body.tail.length;
  const exchange = rawRequest(server.port, postHead(pathAndQuery, body.contentType, length, opts.headers));
  exchange.send(Buffer.concat([body.head, Buffer.alloc(opts.sent, 'a')]));
  return exchange;
}

const asEditor = { Authorization: '' };
beforeAll(() => { asEditor.Authorization = world.users.editor.token; });

describe('a multipart upload cut off by the client', () => {
  it('deletes the partial file and closes its handle at once, however many there are', async () => {
    // Warm up: the first request opens what the server keeps open (database connections, views).
    const warm = await request(`http://127.0.0.1:${server.port}`).get('/api/3/action/status_show');
    expect(warm.status).toBe(200);
    const before = openDescriptors();
    for (let i = 0; i < 80; i++) {
      const seen = new Set(tmp());
      const upload = partialUpload('/api/3/action/resource_create', { package_id: ds.id }, { sent: 2000, declared: 1_000_000, headers: asEditor });
      // Hang up once the server has started writing the file, so that there is a partial file to delete.
      expect(await eventually(() => tmp().some((f) => !seen.has(f)))).toBe(true);
      upload.destroy();
    }
    expect(await eventually(() => tmp().length === 0)).toBe(true);
    // Sockets and files closed: what stays open is what was open before, give or take a pooled connection.
    expect(await eventually(() => openDescriptors() <= before + 10)).toBe(true);
  });

  it('leaves the server answering uploads', async () => {
    const res = await request(cat.app).post('/api/3/action/resource_create').set('Authorization', world.users.editor.token)
      .field('package_id', ds.id).attach('upload', Buffer.from('a;b\n1;2\n'), 'dopo.csv');
    expect(res.status).toBe(200);
  });
});

describe('an upload whose client stops sending', () => {
  it('ends with 408 in CKAN\'s envelope after CATALOGO_UPLOAD_STALL_SECONDS and deletes the partial file', async () => {
    const upload = partialUpload('/api/3/action/resource_create', { package_id: ds.id }, { sent: 5000, declared: 1_000_000, headers: asEditor });
    const res = await within(upload.response, ENOUGH);
    upload.destroy();
    expect(res).not.toBe('timeout');
    if (res === 'timeout' || !res) throw new Error('no answer');
    expect(res.status).toBe(408);
    expect(JSON.parse(res.body)).toMatchObject({ success: false, error: { __type: 'Validation Error', upload: [expect.stringContaining('secondi')] } });
    expect(await eventually(() => tmp().length === 0)).toBe(true);
  });

  it('also ends when only the headers ever came', async () => {
    const exchange = rawRequest(server.port, postHead('/api/3/action/resource_create', multipartBody({}).contentType, 100_000, asEditor));
    const res = await within(exchange.response, ENOUGH);
    exchange.destroy();
    expect(res === 'timeout' ? 'timeout' : res?.status).toBe(408);
  });
});

describe('authorization before the file body is read', () => {
  const THIRTY_MB = 30 * 1024 * 1024;

  async function expectRefusedUnread(upload: ReturnType<typeof partialUpload>, status = 403): Promise<void> {
    // Only 64 kB of the 30 MB declared were sent: an answer proves the server did not wait for the rest.
    const res = await within(upload.response, ENOUGH);
    upload.destroy();
    expect(res === 'timeout' ? 'timeout' : res?.status).toBe(status);
    expect(tmp()).toEqual([]);
    // ...nor afterwards: the connection ends instead of draining the rest.
    expect((res as { headers: Record<string, string> }).headers.connection).toBe('close');
    const body = JSON.parse((res as { body: string }).body);
    expect(body.success).toBe(false);
  }

  it('refuses an anonymous multipart request at once, and nothing lands on disk', async () => {
    await expectRefusedUnread(partialUpload('/api/3/action/resource_create', { package_id: ds.id }, { sent: 65_536, declared: THIRTY_MB }));
  });

  it('refuses a rejected token at once', async () => {
    await expectRefusedUnread(partialUpload('/api/3/action/resource_create', { package_id: ds.id }, { sent: 65_536, declared: THIRTY_MB, headers: { Authorization: 'token-inventato' } }));
  });

  it('refuses an editor of another organization as soon as package_id has arrived', async () => {
    await expectRefusedUnread(partialUpload('/api/3/action/resource_create', { package_id: ds.id }, {
      sent: 65_536, declared: THIRTY_MB, headers: { Authorization: world.users.otherEditor.token },
    }));
  });

  it('refuses resource_update and resource_patch of a resource the caller may not edit, as soon as id has arrived', async () => {
    for (const action of ['resource_update', 'resource_patch']) {
      await expectRefusedUnread(partialUpload(`/api/3/action/${action}`, { id: ds.resources[0].id }, {
        sent: 65_536, declared: THIRTY_MB, headers: { Authorization: world.users.otherEditor.token },
      }));
    }
  });

  it('still refuses, and keeps nothing, when the file comes before the fields', async () => {
    const res = await request(cat.app).post('/api/3/action/resource_create').set('Authorization', world.users.otherEditor.token)
      .attach('upload', Buffer.from('x;y\n'), 'prima.csv').field('package_id', ds.id);
    expect(res.status).toBe(403);
    expect(tmp()).toEqual([]);
  });

  it('never writes the file of an action that takes none', async () => {
    const upload = partialUpload('/api/3/action/package_patch', { id: ds.id }, { sent: 20_000, declared: 1_000_000, headers: asEditor });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(tmp()).toEqual([]);
    upload.destroy();
  });
});

describe('the resource form page', () => {
  /** The session cookie of a logged-in editor and the upload form's action (with its CSRF token). */
  async function editorForm(): Promise<{ cookie: string; action: string }> {
    const login = await request(cat.app).get('/user/login');
    let cookie = login.headers['set-cookie'][0].split(';')[0];
    const done = await request(cat.app).post('/user/login').set('Cookie', cookie).type('form')
      .send({ username: world.users.editor.name, password: world.users.editor.password, _csrf: csrfTokenIn(login.text) });
    expect(done.status).toBe(303);
    cookie = done.headers['set-cookie']?.[0]?.split(';')[0] ?? cookie;
    const form = await request(cat.app).get(`/dataset/${ds.name}/resource/new`).set('Cookie', cookie).expect(200);
    return { cookie, action: unescapeHtml(/<form method="post" action="([^"]+)" enctype/.exec(form.text)![1]) };
  }

  it('deletes the partial file when the browser goes away mid-upload', async () => {
    const { cookie, action } = await editorForm();
    const upload = partialUpload(action, { name: 'Interrotta' }, { sent: 3000, declared: 1_000_000, headers: { Cookie: cookie } });
    expect(await eventually(() => tmp().length > 0)).toBe(true);
    upload.destroy();
    expect(await eventually(() => tmp().length === 0)).toBe(true);
  });

  it('ends a stalled upload and deletes the partial file', async () => {
    const { cookie, action } = await editorForm();
    const upload = partialUpload(action, { name: 'Ferma' }, { sent: 3000, declared: 1_000_000, headers: { Cookie: cookie } });
    const res = await within(upload.response, ENOUGH);
    upload.destroy();
    expect(res === 'timeout' ? 'timeout' : res?.status).toBe(408);
    expect(await eventually(() => tmp().length === 0)).toBe(true);
  });
});

describe('CATALOGO_UPLOAD_STALL_SECONDS', () => {
  it('defaults to 60 and must be a positive number', () => {
    expect(loadConfig({}).uploadStallSeconds).toBe(60);
    expect(loadConfig({ CATALOGO_UPLOAD_STALL_SECONDS: '5' }).uploadStallSeconds).toBe(5);
    for (const bad of ['0', '-1', 'mai']) expect(() => loadConfig({ CATALOGO_UPLOAD_STALL_SECONDS: bad })).toThrow(/CATALOGO_UPLOAD_STALL_SECONDS/);
  });
});
