// The outbound guard: which addresses it refuses, and that redirects, size and time are bounded.
import http from 'node:http';
import net from 'node:net';
import { checkedTarget, guardedFetch, isPrivateAddress } from '../../server/net/fetch';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '0.0.0.0', '100.64.0.1',
    '::1', '::', 'fd00::1', 'fc00::2', 'fe80::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '::ffff:7f00:1', 'not-an-ip',
  ])('refuses %s', (address) => expect(isPrivateAddress(address)).toBe(true));

  it.each(['93.184.216.34', '8.8.8.8', '2a00:1450:4002:402::200e', '::ffff:8.8.8.8'])('lets %s through', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });
});

describe('checkedTarget', () => {
  const publicResolve = async () => [{ address: '93.184.216.34', family: 4 }];

  it('refuses loopback, private, link-local and unique-local hosts unless allowed', async () => {
    for (const url of ['http://127.0.0.1/', 'http://10.0.0.8/', 'http://169.254.169.254/latest', 'http://[::1]/', 'http://[fd00::1]/', 'http://[::ffff:127.0.0.1]/']) {
      await expect(checkedTarget(url, { allowPrivate: false })).rejects.toThrow(/indirizzo privato o locale/);
      await expect(checkedTarget(url, { allowPrivate: true })).resolves.toBeTruthy();
    }
  });

  it('refuses a name that resolves to a private address, and pins the checked one', async () => {
    await expect(checkedTarget('http://intranet.example/', { allowPrivate: false, resolve: async () => [{ address: '10.0.0.5', family: 4 }] }))
      .rejects.toThrow(/10\.0\.0\.5/);
    await expect(checkedTarget('http://dati.example/', { allowPrivate: false, resolve: publicResolve })).resolves.toMatchObject({ address: '93.184.216.34' });
  });

  it('refuses what is not http(s) or carries credentials', async () => {
    await expect(checkedTarget('file:///etc/passwd', { allowPrivate: true })).rejects.toThrow(/solo indirizzi http/);
    await expect(checkedTarget('ftp://dati.example/', { allowPrivate: true })).rejects.toThrow(/solo indirizzi http/);
    await expect(checkedTarget('http://a:b@dati.example/', { allowPrivate: true })).rejects.toThrow(/credenziali/);
  });
});

describe('guardedFetch', () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/ok') res.end('ciao');
      else if (req.url === '/big') res.end('x'.repeat(5000));
      else if (req.url === '/loop') res.writeHead(302, { Location: '/loop' }).end();
      else if (req.url === '/to-private') res.writeHead(302, { Location: 'http://10.255.255.1/' }).end();
      else if (req.url === '/to-ok') res.writeHead(301, { Location: '/ok' }).end();
      else if (req.url === '/ua') res.end(String(req.headers['user-agent']));
      // /slow never answers
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  // Only the test server's loopback address is let through: every other private one stays refused.
  const onlyLoopback = { allowPrivate: false, permits: (address: string) => address === '127.0.0.1' };

  it('follows redirects and names catalogo in its User-Agent', async () => {
    expect(await guardedFetch(`${base}/to-ok`, onlyLoopback)).toMatchObject({ status: 200, body: 'ciao', url: `${base}/ok` });
    expect((await guardedFetch(`${base}/ua`, onlyLoopback)).body).toMatch(/catalogo/);
  });

  it('checks every redirect again', async () => {
    await expect(guardedFetch(`${base}/to-private`, onlyLoopback)).rejects.toThrow(/indirizzo privato o locale non ammesso: 10\.255\.255\.1/);
  });

  it('stops after five redirects', async () => {
    await expect(guardedFetch(`${base}/loop`, onlyLoopback)).rejects.toThrow(/troppi reindirizzamenti/);
  });

  it('refuses a body over the size limit', async () => {
    await expect(guardedFetch(`${base}/big`, { ...onlyLoopback, maxBytes: 1000 })).rejects.toThrow(/troppo grande/);
    expect((await guardedFetch(`${base}/big`, { ...onlyLoopback, maxBytes: 10_000 })).body).toHaveLength(5000);
  });

  it('gives up on a source that does not answer in time', async () => {
    await expect(guardedFetch(`${base}/slow`, { ...onlyLoopback, timeoutMs: 300 })).rejects.toThrow(/nessuna risposta completa/);
  });

  it('refuses 127.0.0.1 without the setting', async () => {
    await expect(guardedFetch(`${base}/ok`, { allowPrivate: false })).rejects.toThrow(/CATALOGO_HARVEST_ALLOW_PRIVATE/);
  });
});
