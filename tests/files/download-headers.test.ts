// What a download is served as: a content type from our own table (never the one the uploader sent),
// attachment, nosniff and a sandboxing CSP, so that no upload runs as script or page on our origin;
// the charset of a CSV when its bytes are known to be UTF-8.
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ResourceFileEntity } from '../../server/catalogue/entities';
import { Utf8Check } from '../../server/files/charset';
import { download, uploadTo } from '../api/world';
import { catalogueWithDataset } from './setup';

const setup = catalogueWithDataset({}, { resources: [] });
let cat: typeof setup.cat;
let world: typeof setup.world;
let ds: any;
beforeAll(() => ({ cat, world, ds } = setup));

async function uploadAndDownload(filename: string, contentType: string, content = Buffer.from('alert(document.cookie)\n')) {
  const res = await uploadTo(cat, 'resource_create', { package_id: ds.id, format: 'CSV' }, { content, filename, contentType }, world.users.editor.token);
  expect(res.status).toBe(200);
  const file = await download(cat, res.body.result.url);
  expect(file.status).toBe(200);
  return { resource: res.body.result, headers: file.headers };
}

function expectInert(headers: Record<string, string>): void {
  expect(headers['content-disposition']).toMatch(/^attachment;/);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['content-security-policy']).toMatch(/(^|;\s*)sandbox(;|$)/);
  expect(headers['content-security-policy']).toContain("default-src 'none'");
}

describe('a download', () => {
  it('of a file with an unknown extension is application/octet-stream, whatever type the uploader sent', async () => {
    for (const [filename, sent] of [['script.js', 'application/javascript'], ['pagina.xyz', 'text/html'], ['senza-estensione', 'text/javascript'], ['dati.mjs', 'text/javascript']]) {
      const { headers } = await uploadAndDownload(filename, sent);
      expect({ filename, type: headers['content-type'] }).toEqual({ filename, type: 'application/octet-stream' });
      expectInert(headers);
    }
  });

  it('of HTML, SVG or XML is an inert attachment with its type from our table', async () => {
    for (const [filename, expected] of [['pagina.html', 'text/html'], ['disegno.svg', 'image/svg+xml'], ['dati.xml', 'application/xml']]) {
      const { headers } = await uploadAndDownload(filename, 'application/octet-stream', Buffer.from('<svg onload="alert(1)"/>\n'));
      expect(headers['content-type'].split(';')[0]).toBe(expected);
      expectInert(headers);
    }
  });

  it('of a PDF or a PNG keeps its type, still with nosniff and the sandbox', async () => {
    for (const [filename, expected] of [['relazione.pdf', 'application/pdf'], ['mappa.png', 'image/png']]) {
      const { headers } = await uploadAndDownload(filename, 'text/html', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe]));
      expect(headers['content-type']).toBe(expected);
      expectInert(headers);
    }
  });
});

describe('the charset of a CSV', () => {
  it('is utf-8 when every byte is valid UTF-8, stored with the file and served', async () => {
    const { resource, headers } = await uploadAndDownload('qualita-aria.csv', 'text/csv', Buffer.from('comune;qualità\nSesto Fiorentino;buona €\n', 'utf8'));
    expect(headers['content-type']).toBe('text/csv; charset=utf-8');
    const row = await cat.services.db.getRepository(ResourceFileEntity).findOneByOrFail({ resourceId: resource.id });
    expect(row.charset).toBe('utf-8');
  });

  it('is the encoding its DataStore load detected when the bytes are not UTF-8 (a Latin-1 file), never the uploader\'s claim', async () => {
    const latin1 = fs.readFileSync(path.resolve(__dirname, '../../datasets/files/dpc-covid19-ita-metriche-dashboard-desktop.csv'));
    const { resource, headers } = await uploadAndDownload('metriche.csv', 'text/csv; charset=utf-8', latin1);
    expect(headers['content-type']).toBe('text/csv; charset=windows-1252');
    const row = await cat.services.db.getRepository(ResourceFileEntity).findOneByOrFail({ resourceId: resource.id });
    expect(row.charset).toBe('');
  });

  it('is left out when the bytes are not UTF-8 and no load read them (a text file), never guessed', async () => {
    const content = Buffer.from('Qualità dell\'aria: buona\n', 'latin1');
    const res = await uploadTo(cat, 'resource_create', { package_id: ds.id, format: 'TXT' }, { content, filename: 'nota.txt', contentType: 'text/plain; charset=utf-8' }, world.users.editor.token);
    expect(res.status).toBe(200);
    expect((await download(cat, res.body.result.url)).headers['content-type']).toBe('text/plain');
  });
});

describe('the UTF-8 check', () => {
  const checked = (chunks: Buffer[]) => {
    const check = new Utf8Check();
    for (const chunk of chunks) check.push(chunk);
    return check.charset();
  };

  it('accepts a sequence cut by a chunk boundary, wherever the cut falls', () => {
    const text = Buffer.from('aè€𝔘z'.repeat(3), 'utf8');
    for (let cut = 0; cut <= text.length; cut++) {
      for (let second = cut; second <= text.length; second++) {
        expect(checked([text.subarray(0, cut), text.subarray(cut, second), text.subarray(second)])).toBe('utf-8');
      }
    }
  });

  it('agrees with a strict decoder on random bytes and on text with a byte changed', () => {
    const strict = (bytes: Buffer) => {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        return 'utf-8';
      } catch {
        return '';
      }
    };
    const base = Buffer.from('Qualità dell’aria: 12 µg/m³ — €5 𝔘\n'.repeat(4), 'utf8');
    for (let i = 0; i < 400; i++) {
      const bytes = Buffer.from(base);
      bytes[(i * 7919) % bytes.length] = (i * 104729) % 256;
      const cut = (i * 31) % bytes.length;
      expect(checked([bytes.subarray(0, cut), bytes.subarray(cut)])).toBe(strict(bytes));
    }
  });

  it('says unknown for a sequence cut off at the end', () => {
    expect(checked([Buffer.from([0x61, 0xe2, 0x82])])).toBe('');
    expect(checked([Buffer.from([0xc3])])).toBe('');
  });

  it('runs on the bytes the store receives', async () => {
    const upload = await cat.services.files.receive(Readable.from([Buffer.from([0x61, 0xc3]), Buffer.from([0xa8, 0x0a])]), 'a.csv', 'text/csv');
    expect(upload.charset).toBe('utf-8');
    await cat.services.files.discard(upload);
  });
});
