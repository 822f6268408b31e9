// The outbound guard: which addresses it refuses, and that redirects, size and time are bounded.
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { checkedTarget, guardedDownload, guardedFetch, isPrivateAddress } from '../../server/net/fetch';

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

describe('guardedDownload', () => {
  let server: http.Server;
  let base: string;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogo-download-'));
    server = http.createServer((req, res) => {
      if (req.url === '/latin1') res.writeHead(200, { 'Content-Type': 'text/csv' }).end(Buffer.from('città;prezzo €\n', 'latin1'));
      else if (req.url === '/to-latin1') res.writeHead(302, { Location: '/latin1' }).end();
      else {
        // No Content-Length: the limit can only be found while reading.
        for (let i = 0; i < 200; i += 1) res.write('y'.repeat(1000));
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const onlyLoopback = { allowPrivate: false, permits: (address: string) => address === '127.0.0.1' };

  it('writes the bytes as they came (no decoding), after the redirects', async () => {
    const file = path.join(dir, 'a');
    expect(await guardedDownload(`${base}/to-latin1`, file, onlyLoopback)).toEqual({ url: `${base}/latin1`, status: 200, contentType: 'text/csv' });
    expect(fs.readFileSync(file)).toEqual(Buffer.from('città;prezzo €\n', 'latin1'));
  });

  it('streams a body of unknown length to the file, and stops at the limit', async () => {
    const file = path.join(dir, 'b');
    await guardedDownload(`${base}/chunked`, file, onlyLoopback);
    expect(fs.statSync(file).size).toBe(200_000);
    await expect(guardedDownload(`${base}/chunked`, path.join(dir, 'c'), { ...onlyLoopback, maxBytes: 50_000 })).rejects.toThrow(/troppo grande \(oltre 50000 byte\)/);
  });
});
