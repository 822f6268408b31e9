// Everything a visitor reads on an English page is English: the main pages of the demo catalogue, the
// editor's forms sent back with errors and the harvest pages, opened with ?lang=en, hold none of the
// Italian words of the portal's own interface in their visible text (nor in aria-label, title, placeholder
// and alt). What the publishers wrote (titles, descriptions, tags: Italian in the demo) is theirs, not the
// interface's: a word found in the catalogue's own data is not counted.
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { runAction } from '../../server/core/actions';
import { renderMarkdown } from '../../server/pages/markdown';
import { datasetsDir, loadDemo } from '../../server/seed/demo';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { makeUser, sysadminContext, unique } from '../support/factories';
import { csrfFor, loggedInAgent } from './helpers';

/** Words of the Italian interface that an English page must not show (whole words, any case). */
const ITALIAN_UI_WORDS = [
  'Cerca', 'Cerca dataset', 'Organizzazione', 'Organizzazioni', 'Licenza', 'Licenze', 'Aggiornato', 'Aggiornamento', 'modificato',
  'obbligatorio', 'obbligatoria', 'Risorsa', 'Risorse', 'Scarica', 'Temi', 'Nessun', 'Nessuna', 'Accedi', 'Esci', 'Modifica',
  'Salva', 'Annulla', 'Frequenza', 'Lingua', 'Lingue', 'Formato', 'Formati', 'Campo', 'Indica', 'Aggiungi', 'Scegli',
  'Titolare', 'Editore', 'Punteggio', 'Copertura', 'Descrizione', 'Titolo', 'Pagina', 'Precedente', 'Successiva', 'righe',
  'colonne', 'sconosciuto', 'annuale', 'mensile', 'giornaliero', 'settimanale', 'trimestrale', 'irregolare', 'Pubblico',
  'Privato', 'Dati provvisori', 'Popolazione e società', 'Economia e finanze', 'Istruzione, cultura e sport',
  'Regioni e città', 'Tematiche internazionali', 'Scienza e tecnologia', 'Agricoltura', 'Trasporti', 'Ambiente', 'Giustizia',
  'Governo e settore pubblico', 'Energia', 'Salute', 'Italiano', 'Inglese', 'Riusabilità', 'Reperibilità', 'Contestualità',
  'eccellente', 'sufficiente', 'scarsa', 'buona', 'Attribuzione', 'Pubblico dominio', 'Errore', 'Indirizzo', 'dati',
  'Ordina', 'Filtri', 'Filtra', 'Attività', 'creato', 'cancellato', 'Dizionario', 'Anteprima', 'Vai', 'Torna',
  'raccolta', 'Fonte', 'aggiunti', 'aggiornati', 'in attesa', 'mancante', 'almeno', 'oppure', 'sono',
];

let cat: TestCatalogue;
let admin: Awaited<ReturnType<typeof loggedInAgent>>;
let written: Written;
/** Names quoted inside interface sentences (the citation names the catalogue): left out of the check. */
let properNames: string[] = [];
const found: { path: string; words: string[] }[] = [];
let datasetName: string;
let resourcePath: string;
let orgName: string;
let harvestName: string;

/** Every string of a JSON value, joined: the catalogue's own data. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

function decode(text: string): string {
  return text.replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'").replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_m, dec: string) => String.fromCodePoint(Number(dec)));
}

/** A piece's words: web addresses, a facet's count "(12)" and edge punctuation left out. */
const squeeze = (text: string) => text.replace(/\b(?:https?:\/\/|www\.)\S+|\S+\.(?:it|eu|org|com)\b\S*/g, ' ').replace(/\s+/g, ' ')
  .replace(/\s*\(\d[\d.,]*\)?\s*$/, '').replace(/^[\s…:.,;()-]+|[\s…:.,;()-]+$/g, '');

/**
 * The pieces of text a visitor reads or hears, one per text node or attribute read aloud (aria-label,
 * title, placeholder, alt): scripts, styles, the head and parts marked lang="it" on purpose left out.
 */
function readablePieces(html: string): string[] {
  let body = html.replace(/<head[\s\S]*?<\/head>|<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>|<!--[\s\S]*?-->/gi, ' ');
  // Highlighted words are part of their sentence; a search result's passage is the publisher's own text,
  // cut at words (pages/search-snippet.ts), so it is not compared with the publisher's files.
  body = body.replace(/<\/?mark>/g, '').replace(/<p class="[^"]*catalogo-snippet[^"]*">[\s\S]*?<\/p>/g, ' ');
  // An element marked lang="it" with no element of the same name inside it (links, spans, options).
  body = body.replace(/<(\w+)\b[^>]*\blang="it"[^>]*>[\s\S]*?<\/\1>/g, ' ');
  const attributes = [...body.matchAll(/\s(?:aria-label|title|placeholder|alt)="([^"]*)"/g)].map((m) => m[1]);
  return [...body.split(/<[^>]+>/), ...attributes].map((piece) => squeeze(decode(piece))).filter(Boolean);
}

/** What the publishers wrote: each piece as the page shows it (markdown rendered), and all of it as one text. */
interface Written { pieces: Set<string>; text: string }

function writtenBy(sources: string[]): Written {
  const pieces = new Set<string>(sources.map(squeeze));
  for (const source of sources) for (const piece of readablePieces(renderMarkdown(source))) pieces.add(piece);
  const text = squeeze([...pieces].join(' \n ') + sources.join(' \n ').replace(/[*_`]/g, '').replace(/[#>|]/g, ' '));
  return { pieces, text: text.replace(/\s+/g, ' ') };
}

/** A piece the publishers wrote: the same text, or a run of several words out of it (a snippet). */
function isWritten(piece: string): boolean {
  return written.pieces.has(piece) || (piece.split(' ').length >= 4 && written.text.includes(piece));
}

const hasWord = (text: string, word: string) => new RegExp(`(^|[^\\p{L}])${word}($|[^\\p{L}])`, 'iu').test(text);

function italianIn(html: string): string[] {
  const withoutNames = (piece: string) => properNames.reduce((text, name) => text.split(name).join(' '), piece);
  return readablePieces(html).filter((piece) => !isWritten(piece)).map(withoutNames).flatMap((piece) => {
    const words = ITALIAN_UI_WORDS.filter((word) => hasWord(piece, word));
    return words.length ? [`${words.join(', ')} in «${piece.slice(0, 120)}»`] : [];
  });
}

async function visit(agent: ReturnType<typeof request.agent> | ReturnType<typeof request>, path: string, expected = 200): Promise<string> {
  const res = await (agent as ReturnType<typeof request.agent>).get(path + (path.includes('?') ? '&' : '?') + 'lang=en');
  expect({ path, status: res.status }).toEqual({ path, status: expected });
  return res.text;
}

let checkedPages = 0;

function check(path: string, html: string): void {
  expect(html).toContain('<html lang="en"');
  checkedPages += 1;
  const words = italianIn(html);
  if (words.length) found.push({ path, words });
}

beforeAll(async () => {
  cat = await startCatalogue();
  await loadDemo(cat.services);
  const sysadmin = await makeUser(cat, { sysadmin: true });
  admin = await loggedInAgent(cat, sysadmin);
  const ctx = await sysadminContext(cat);
  const datasets = await runAction<{ results: Record<string, any>[] }>('package_search', ctx, { rows: 1000, include_private: true });
  // What the publishers wrote, as the demo's files hold it (not what the portal adds, such as licence titles).
  const files = ['organizations.json', ...fs.readdirSync(path.join(datasetsDir, 'packages')).map((f) => path.join('packages', f))];
  // The catalogue's own name (its configured title, quoted by the citation) is a name, not interface text.
  properNames = [cat.services.config.catalog.title];
  written = writtenBy([...properNames, ...files.flatMap((file) => strings(JSON.parse(fs.readFileSync(path.join(datasetsDir, file), 'utf8'))))]);
  const withResource = datasets.results.find((d) => d.resources.length > 0)!;
  datasetName = withResource.name;
  orgName = withResource.organization.name;
  resourcePath = `/dataset/${datasetName}/resource/${withResource.resources[0].id}`;
  harvestName = unique('fonte');
  await runAction('harvest_source_create', ctx, {
    name: harvestName, title: 'Portal source', url: 'https://dati.example.org/', source_type: 'ckan', owner_org: orgName,
  });
}, 120000);

afterAll(async () => cat?.close());

describe('the public pages in English', () => {
  it('speak English on the lists, the search and the entry pages', async () => {
    const anonymous = request(cat.app);
    for (const path of ['/', '/dataset', '/dataset?q=dati', `/dataset?organization=${orgName}`, '/organization', '/group', '/activity', '/user/login']) {
      check(path, await visit(anonymous, path));
    }
  }, 60000);

  it('speak English on a dataset, its resource, its organization, its history and a theme', async () => {
    const anonymous = request(cat.app);
    const groups = await runAction<string[]>('group_list', { services: cat.services, user: null }, {});
    for (const path of [`/dataset/${datasetName}`, resourcePath, `/organization/${orgName}`, `/dataset/activity/${datasetName}`, `/group/${groups[0]}`]) {
      check(path, await visit(anonymous, path));
    }
  }, 60000);

  it('speak English on a failed login', async () => {
    const agent = request.agent(cat.app);
    const token = await csrfFor(agent, '/user/login?lang=en');
    const res = await agent.post('/user/login?lang=en').type('form').send({ username: 'nobody', password: 'wrong', _csrf: token });
    check('POST /user/login', res.text);
  });
});

describe("the editor's pages in English", () => {
  it('speak English on the forms and on the dataset page an editor sees', async () => {
    for (const path of ['/dataset/new', `/dataset/edit/${datasetName}`, `/dataset/${datasetName}`, `/dataset/${datasetName}/resource/new`, `${resourcePath}/edit`, '/harvest', `/harvest/${harvestName}`, '/harvest/new', '/harvest/import']) {
      check(path, await visit(admin, path));
    }
  }, 60000);

  it('give the validation messages in English on a dataset form sent back', async () => {
    const token = await csrfFor(admin, '/dataset/new?lang=en');
    const res = await admin.post('/dataset/new?lang=en').type('form').send({
      _csrf: token, title: '', name: 'Not A Name!', notes: '', owner_org: '', contact_email: 'not-an-email', temporal_start: 'yesterday',
      frequency: 'NOPE', tag_string: 'x',
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.text).toContain('class="invalid-feedback');
    expect(res.text).not.toMatch(/invalid-feedback[^>]*lang="it"/);
    check('POST /dataset/new', res.text);
  });

  it('give the validation messages in English on a resource form and a harvest form sent back', async () => {
    const resourceToken = await csrfFor(admin, `/dataset/${datasetName}/resource/new?lang=en`);
    const resource = await admin.post(`/dataset/${datasetName}/resource/new?lang=en`).type('form').send({ _csrf: resourceToken, name: 'x', url: 'nota url' });
    expect(resource.status).toBeGreaterThanOrEqual(400);
    check('POST resource/new', resource.text);
    const harvestToken = await csrfFor(admin, '/harvest/new?lang=en');
    const harvest = await admin.post('/harvest/new?lang=en').type('form').send({
      _csrf: harvestToken, name: harvestName, title: '', url: 'ftp://x', source_type: 'ckan', owner_org: orgName, frequency: 'WEEKLY', config: '{', notes: '',
    });
    expect(harvest.status).toBeGreaterThanOrEqual(400);
    check('POST /harvest/new', harvest.text);
  });
});

// Last, one report of every page, so that a failure lists all that is left to translate.
describe('all those pages', () => {
  it('hold no word of the Italian interface', () => {
    expect(checkedPages).toBeGreaterThan(20);
    expect(found).toEqual([]);
  });
});
