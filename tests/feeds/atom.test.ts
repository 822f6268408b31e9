// Atom feeds at CKAN's URLs: the site's recently changed datasets and one organization's, newest first,
// only public and active datasets, everything escaped, pages of 20, no 500 on a hand-edited URL.
import request from 'supertest';
import { runAction } from '../../server/core/actions';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { makeDataset, makeOrg, sysadminContext } from '../support/factories';

let cat: TestCatalogue;
let prato: { id: string; name: string };
let pistoia: { id: string; name: string };
const SITE = 'http://catalogo.test';
const SPECIAL_TITLE = `Acqua <&> "pura" 'sì' ]]>`;

// ------------------------------------------------------------------------------- reading the XML

function xmlUnescape(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** Throws unless tags nest, there is one root, and no text or attribute holds a raw `<` or a bare `&`. */
function expectWellFormed(xml: string): void {
  const body = xml.replace(/^<\?xml [^?]*\?>\s*/, '');
  const bareAmp = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
  const stack: string[] = [];
  let roots = 0;
  const token = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/y;
  let at = 0;
  while (at < body.length) {
    token.lastIndex = at;
    const m = token.exec(body);
    if (!m) throw new Error(`not well-formed at ${at}: ${body.slice(at, at + 60)}`);
    at = token.lastIndex;
    const [, closing, name, attrs, selfClosing, text] = m;
    if (text !== undefined) {
      if (bareAmp.test(text) || (stack.length === 0 && text.trim())) throw new Error(`bad text: ${text}`);
      continue;
    }
    if (attrs && bareAmp.test(attrs)) throw new Error(`bad attribute: ${attrs}`);
    if (closing) {
      if (stack.pop() !== name) throw new Error(`unbalanced </${name}>`);
    } else {
      if (stack.length === 0) roots += 1;
      if (!selfClosing) stack.push(name);
    }
  }
  expect(stack).toEqual([]);
  expect(roots).toBe(1);
}

function element(xml: string, name: string): string | null {
  const m = new RegExp(`<${name}(?: [^>]*)?>([\\s\\S]*?)</${name}>`).exec(xml);
  return m ? xmlUnescape(m[1]) : null;
}

function linkHref(xml: string, rel: string): string | null {
  const m = new RegExp(`<link rel="${rel}"[^>]* href="([^"]*)"/>`).exec(xml);
  return m ? xmlUnescape(m[1]) : null;
}

interface Entry { id: string; title: string; link: string; name: string; updated: string; summary: string | null; author: string | null }

function parseFeed(xml: string) {
  expectWellFormed(xml);
  const head = xml.split('<entry>')[0];
  const entries: Entry[] = [...xml.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map(([, e]) => {
    const link = linkHref(e, 'alternate')!;
    return {
      id: element(e, 'id')!, title: element(e, 'title')!, link, name: decodeURIComponent(link.replace(`${SITE}/dataset/`, '')),
      updated: element(e, 'updated')!, summary: element(e, 'summary'), author: element(e, 'name'),
    };
  });
  return {
    title: element(head, 'title'), id: element(head, 'id'), updated: element(head, 'updated'),
    self: linkHref(head, 'self'), alternate: linkHref(head, 'alternate'),
    next: linkHref(head, 'next'), previous: linkHref(head, 'previous'), last: linkHref(head, 'last'), entries,
  };
}

async function feed(path: string) {
  const res = await request(cat.app).get(path).expect(200);
  expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
  return { xml: res.text, ...parseFeed(res.text) };
}

/** metadata_modified as the feed writes it: UTC, milliseconds. */
async function modifiedOf(name: string): Promise<string> {
  const pkg = await runAction('package_show', await sysadminContext(cat), { id: name });
  return new Date(`${pkg.metadata_modified.slice(0, 23)}Z`).toISOString();
}

// -------------------------------------------------------------------------------------- the data

const HIDDEN = ['riservato-prato', 'cancellato-prato', 'bozza-prato', 'ora-privato-prato'];

beforeAll(async () => {
  cat = await startCatalogue();
  prato = await makeOrg(cat, { title: 'Comune di Prato' });
  pistoia = await makeOrg(cat, { title: 'Comune di Pistoia' });
  const admin = await sysadminContext(cat);
  await makeDataset(cat, prato.name, {
    name: 'bilancio-prato', title: 'Bilancio di Prato',
    notes: '## Bilancio\n\n**Spese** e _entrate_ del [comune](https://example.it).\n\n<script>alert(1)</script> & altro',
  });
  await makeDataset(cat, prato.name, { name: 'scuole-prato', title: 'Scuole di Prato', notes: '---' });
  await makeDataset(cat, prato.name, { name: 'speciale-prato', title: `${SPECIAL_TITLE}\u0001` });
  await makeDataset(cat, pistoia.name, { name: 'musei-pistoia', title: 'Musei di Pistoia', notes: 'parola '.repeat(200) });
  await makeDataset(cat, prato.name, { name: 'riservato-prato', title: 'Appunti riservati', private: true });
  const gone = await makeDataset(cat, prato.name, { name: 'cancellato-prato', title: 'Dataset cancellato' });
  await runAction('package_delete', admin, { id: gone.id });
  await makeDataset(cat, prato.name, { name: 'bozza-prato', title: 'Bozza', state: 'draft' });
  await makeDataset(cat, prato.name, { name: 'ora-privato-prato', title: 'Diventato privato' });
  await runAction('package_patch', admin, { id: 'ora-privato-prato', private: true });
  // The oldest public dataset changes last: it must come first.
  await runAction('package_patch', admin, { id: 'bilancio-prato', title: 'Bilancio di Prato 2025' });
});
afterAll(async () => cat.close());

// ------------------------------------------------------------------------------------------ tests

describe('the site feed, /feeds/dataset.atom', () => {
  it('lists the public active datasets, the last changed first', async () => {
    const f = await feed('/feeds/dataset.atom');
    expect(f.entries.map((e) => e.name)).toEqual(['bilancio-prato', 'musei-pistoia', 'speciale-prato', 'scuole-prato']);
    expect(f.entries[0].title).toBe('Bilancio di Prato 2025');
    expect(f.entries[0].updated).toBe(await modifiedOf('bilancio-prato'));
    expect(f.updated).toBe(f.entries[0].updated);
    const bilancio = await runAction('package_show', await sysadminContext(cat), { id: 'bilancio-prato' });
    expect(f.entries[0].id).toBe(`${SITE}/dataset/${bilancio.id}`);
    expect(f.entries[0].link).toBe(`${SITE}/dataset/bilancio-prato`);
    expect(f.entries[0].author).toBe('Comune di Prato');
    expect(f.entries[1].author).toBe('Comune di Pistoia');
  });

  it('never shows private, deleted or draft datasets', async () => {
    const f = await feed('/feeds/dataset.atom');
    for (const name of HIDDEN) expect(f.xml).not.toContain(name);
    for (const title of ['Appunti riservati', 'Dataset cancellato', 'Bozza', 'Diventato privato']) expect(f.xml).not.toContain(title);
  });

  it('describes itself in Italian, with self and alternate links', async () => {
    const f = await feed('/feeds/dataset.atom');
    expect(f.xml).toContain('xml:lang="it"');
    expect(f.title).toBe('Dataset aggiornati di recente · Catalogo Open Data Toscana');
    expect(f.id).toBe(`${SITE}/feeds/dataset.atom`);
    expect(f.self).toBe(`${SITE}/feeds/dataset.atom`);
    expect(f.alternate).toBe(`${SITE}/dataset`);
    expect(f.next).toBeNull();
  });

  it('escapes titles and drops characters XML forbids', async () => {
    const f = await feed('/feeds/dataset.atom');
    expect(f.xml).toContain('<title type="text">Acqua &lt;&amp;&gt; &quot;pura&quot; &apos;sì&apos; ]]&gt;</title>');
    expect(f.xml).not.toContain('\u0001');
    expect(f.entries.find((e) => e.name === 'speciale-prato')!.title).toBe(SPECIAL_TITLE);
  });

  it('summarises the notes as plain text, trimmed', async () => {
    const f = await feed('/feeds/dataset.atom');
    const bilancio = f.entries.find((e) => e.name === 'bilancio-prato')!;
    expect(bilancio.summary).toBe('Bilancio Spese e entrate del comune. <script>alert(1)</script> & altro');
    expect(f.xml).not.toContain('<script');
    expect(f.entries.find((e) => e.name === 'scuole-prato')!.summary).toBeNull();
    const musei = f.entries.find((e) => e.name === 'musei-pistoia')!.summary!;
    expect(musei.length).toBeLessThanOrEqual(500);
    expect(musei).toMatch(/^parola( parola)+…$/);
  });
});

describe("an organization's feed, /feeds/organization/NAME.atom", () => {
  it("holds only that organization's public datasets, the last changed first", async () => {
    const f = await feed(`/feeds/organization/${prato.name}.atom`);
    expect(f.entries.map((e) => e.name)).toEqual(['bilancio-prato', 'speciale-prato', 'scuole-prato']);
    for (const name of HIDDEN) expect(f.xml).not.toContain(name);
    expect(f.title).toBe('Dataset aggiornati di recente · Comune di Prato');
    expect(f.self).toBe(`${SITE}/feeds/organization/${prato.name}.atom`);
    expect(f.alternate).toBe(`${SITE}/organization/${prato.name}`);
    expect(f.updated).toBe(f.entries[0].updated);
    const other = await feed(`/feeds/organization/${pistoia.name}.atom`);
    expect(other.entries.map((e) => e.name)).toEqual(['musei-pistoia']);
  });

  it('answers by id too, naming itself by name', async () => {
    const f = await feed(`/feeds/organization/${prato.id}.atom`);
    expect(f.self).toBe(`${SITE}/feeds/organization/${prato.name}.atom`);
    expect(f.entries).toHaveLength(3);
  });

  it('is a 404 page for an organization that does not exist', async () => {
    for (const name of ['nessuno', 'x%3Cy%26', '%00', 'a'.repeat(300)]) {
      const res = await request(cat.app).get(`/feeds/organization/${name}.atom`).expect(404);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
    }
  });
});

describe('links to the feeds from the pages', () => {
  it('announces the site feed in every page head, and the organization feed on its page', async () => {
    const home = (await request(cat.app).get('/').expect(200)).text;
    expect(home).toContain('<link rel="alternate" type="application/atom+xml" href="/feeds/dataset.atom"');
    const orgPage = (await request(cat.app).get(`/organization/${prato.name}`).expect(200)).text;
    expect(orgPage).toContain(`<link rel="alternate" type="application/atom+xml" href="/feeds/organization/${prato.name}.atom"`);
    expect(orgPage).toContain(`<a rel="alternate" type="application/atom+xml" href="/feeds/organization/${prato.name}.atom">`);
    expect(home).not.toContain('/feeds/organization/');
  });
});

describe('bad ?page values', () => {
  it('are a 400 page, never a 500', async () => {
    const bad = ['abc', '-1', '0', '1.5', '', '501', '99999999999999999999', '1e3'];
    for (const page of bad) {
      await request(cat.app).get('/feeds/dataset.atom').query({ page }).expect(400);
      await request(cat.app).get(`/feeds/organization/${prato.name}.atom`).query({ page }).expect(400);
    }
    await request(cat.app).get('/feeds/dataset.atom?page=1&page=2').expect(400);
    await request(cat.app).get('/feeds/dataset.atom?page[x]=1').expect(400);
  });

  it('past the last page give an empty, valid feed', async () => {
    const f = await feed('/feeds/dataset.atom?page=500');
    expect(f.entries).toEqual([]);
    expect(f.previous).toBe(`${SITE}/feeds/dataset.atom`);
  });
});

describe('pages of 20', () => {
  it('link to the older entries, which follow without gaps or repeats', async () => {
    for (let i = 0; i < 20; i += 1) await makeDataset(cat, pistoia.name, { name: `serie-pistoia-${i}` });
    const first = await feed('/feeds/dataset.atom');
    expect(first.entries).toHaveLength(20);
    expect(first.entries[0].name).toBe('serie-pistoia-19');
    expect(first.next).toBe(`${SITE}/feeds/dataset.atom?page=2`);
    expect(first.last).toBe(`${SITE}/feeds/dataset.atom?page=2`);
    expect(first.previous).toBeNull();
    const second = await feed(first.next!.replace(SITE, ''));
    expect(second.self).toBe(`${SITE}/feeds/dataset.atom?page=2`);
    expect(second.previous).toBe(`${SITE}/feeds/dataset.atom`);
    expect(second.next).toBeNull();
    expect(second.entries.map((e) => e.name)).toEqual(['bilancio-prato', 'musei-pistoia', 'speciale-prato', 'scuole-prato']);
    expect(second.updated).toBe(second.entries[0].updated);
    const names = [...first.entries, ...second.entries].map((e) => e.name);
    expect(new Set(names).size).toBe(24);
  });
});
