// A browser follows a redirect as soon as it reads the Location header. The session a POST changed
// (a login, a flash) must be stored by then, or the next page loads the old one. The store's writes are
// slowed down here so that a redirect sent before the save would lose the race every time.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { addMember, makeDataset, makeOrg, makeUser, TestUser } from '../support/factories';
import { DatabaseSessionStore } from '../../server/auth/session-store';
import { csrfTokenIn } from './helpers';

let cat: TestCatalogue;
let user: TestUser;
let orgName: string;
let server: Server;
let base: string;

beforeAll(async () => {
  cat = await startCatalogue();
  user = await makeUser(cat);
  orgName = (await makeOrg(cat, { title: 'Comune di Pistoia' })).name;
  await addMember(cat, orgName, user.name, 'editor');
  server = cat.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await cat.close();
});

afterEach(() => jest.restoreAllMocks());

function slowSessionWrites(): void {
  const realSet = DatabaseSessionStore.prototype.set;
  jest.spyOn(DatabaseSessionStore.prototype, 'set').mockImplementation(function (this: DatabaseSessionStore, ...args) {
    setTimeout(() => realSet.apply(this, args), 300);
  });
}

function cookieOf(response: Response): string {
  return response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]).join('; ');
}

async function post(path: string, cookie: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  });
}

async function loggedInCookie(): Promise<string> {
  const form = await fetch(`${base}/user/login`);
  const token = csrfTokenIn(await form.text());
  const login = await post('/user/login', cookieOf(form), { username: user.name, password: user.password, _csrf: token });
  expect(login.status).toBe(303);
  return cookieOf(login);
}

it('a redirect that leaves a flash is answered only once the session is stored, so the next page shows it', async () => {
  const dataset = await makeDataset(cat, orgName, { title: 'Piste ciclabili' });
  const cookie = await loggedInCookie();
  const token = csrfTokenIn(await (await fetch(`${base}/dataset/delete/${dataset.name}`, { headers: { cookie } })).text());
  slowSessionWrites();
  // fetch resolves on the response's headers, as a browser acts on a redirect's Location.
  const deleted = await post(`/dataset/delete/${dataset.name}`, cookie, { _csrf: token });
  expect(deleted.status).toBe(303);
  const next = await fetch(`${base}${deleted.headers.get('location')}`, { headers: { cookie } });
  expect(await next.text()).toContain('Dataset «Piste ciclabili» cancellato.');
  await deleted.text();
});
