// DCAT-AP_IT on the pages: the editor's form offers the vocabularies and saves the choices, shows the
// stored values (placeholders unselected) and the actions' errors next to their fields; the dataset page
// shows the metadata, the quality score, schema.org JSON-LD and the RDF alternates, in both languages.
import request from 'supertest';
import { runAction } from '../../server/core/actions';
import { TestCatalogue } from '../support/harness';
import { makeDataset, sysadminContext } from '../support/factories';
import { csrfFor, csrfTokenIn, editorsWorld, unescapeHtml } from './helpers';

let cat: TestCatalogue;
let org: { id: string; name: string };
let editorAgent: ReturnType<typeof request.agent>;
let ipa: string; // the organization's IPA code (each test organization has its own)

beforeAll(async () => {
  ({ cat, org, editorAgent } = await editorsWorld('Comune di Firenze', 'Comune di Prato'));
  ipa = (org as typeof org & { identifier: string }).identifier;
});

afterAll(async () => cat.close());

const SUBTHEME_ENVI = 'http://eurovoc.europa.eu/100244'; // 5216 degrado ambientale

function datasetForm(fields: Record<string, string | string[]>, token: string) {
  return { title: 'Qualità dell\'aria', notes: 'Misure giornaliere di PM10', owner_org: org.id, license_id: 'CC-BY-4.0', tag_string: 'aria', _csrf: token, ...fields };
}

/** The markup between an element's opening tag (found by `start`) and the next `end`. */
function between(html: string, start: string, end: string): string {
  const from = html.indexOf(start);
  if (from < 0) throw new Error(`${start} not in the page`);
  return html.slice(from, html.indexOf(end, from));
}

/** The markup of a choice list (views/partials/choice-list.hbs), up to the next field. */
function choiceList(html: string, name: string): string {
  const from = html.indexOf(`id="field-${name}" data-choices`);
  if (from < 0) throw new Error(`choice list ${name} not in the page`);
  const next = new RegExp(`id="field-(?!${name}[-"])`, 'g');
  next.lastIndex = from + 10;
  return html.slice(from, next.exec(html)?.index ?? html.length);
}

/** The checkboxes of a choice list: value and whether it is ticked, in page order. */
function boxes(list: string): { value: string; checked: boolean }[] {
  return [...list.matchAll(/type="checkbox" name="\w+" value="([^"]+)" id="[^"]+"( checked)?>/g)].map((m) => ({ value: m[1], checked: !!m[2] }));
}

const show = async (id: string) => runAction('package_show', await sysadminContext(cat), { id });

describe('the dataset form', () => {
  it('offers the EU vocabularies in a DCAT-AP_IT fieldset, labelled in Italian', async () => {
    const html = unescapeHtml((await editorAgent.get('/dataset/new').expect(200)).text);
    expect(html).toMatch(/<fieldset[^>]*id="dcat-metadata"[^>]*>\s*<legend[^>]*>Metadati DCAT-AP_IT<\/legend>/);
    expect(html).toMatch(/<input class="form-check-input" type="checkbox" name="theme" value="ENVI" id="theme-ENVI">\s*<label class="form-check-label" for="theme-ENVI">Ambiente<\/label>/);
    // The placeholder theme is no choice; the frequency list starts empty ("Non indicata").
    expect(html).not.toContain('value="OP_DATPRO"');
    const frequency = between(html, '<select id="field-frequency"', '</select>');
    expect(frequency).toMatch(/^<select id="field-frequency" name="frequency" class="form-select">\s*<option value="">Non indicata<\/option>/);
    expect(frequency).toContain('<option value="ANNUAL">Annuale</option>');
    // Languages: Italian, English, German and French first.
    // Long lists are checkboxes sent under the same name a multi-select used, each box labelled.
    const language = choiceList(html, 'language');
    expect(boxes(language).slice(0, 4).map((b) => b.value)).toEqual(['ITA', 'ENG', 'DEU', 'FRA']);
    expect(boxes(language).length).toBeGreaterThan(100);
    expect(language).toMatch(/<legend[^>]*>Più usate<\/legend>\s*<div class="form-check">\s*<input class="form-check-input" type="checkbox" name="language" value="ITA" id="(field-language-0-0)">\s*<label class="form-check-label" for="\1">Italiano<\/label>/);
    // Sub-themes grouped by theme; places sorted by name.
    expect(choiceList(html, 'subthemes')).toMatch(new RegExp(`<legend[^>]*>Ambiente</legend>.*name="subthemes" value="${SUBTHEME_ENVI}"`, 's'));
    expect(boxes(choiceList(html, 'subthemes')).length).toBeGreaterThan(100);
    const places = [...between(html, '<select id="field-geographical_name"', '</select>').matchAll(/<option value="(ITA_\w+)">([^<]+)</g)].map((m) => m[2]);
    expect(places.length).toBeGreaterThan(100);
    expect(places).toEqual([...places].sort(new Intl.Collator('it', { sensitivity: 'base', numeric: true }).compare));
    expect(places).toContain('Firenze');
    // Dates are date inputs; the help says what an empty box means.
    expect(html).toMatch(/<input id="field-temporal_start" name="temporal_start" type="date"/);
    expect(html).toMatch(/id="field-modified"[^>]*type="date"[^>]*aria-describedby="field-modified-hint"/);
    expect(html).toContain('Lascia vuoto: si usa la data dell&#x27;ultima modifica.'.replace('&#x27;', "'"));
    expect(html).toContain('codiceIPA:nome');
  });

  it('saves the chosen theme, sub-theme, frequency, languages and place (package_show has them)', async () => {
    const token = await csrfFor(editorAgent, '/dataset/new');
    const res = await editorAgent.post('/dataset/new').type('form').send(datasetForm({
      name: 'aria-firenze', theme: ['ENVI', 'HEAL'], subthemes: SUBTHEME_ENVI, frequency: 'DAILY', language: ['ITA', 'ENG'],
      geographical_name: 'ITA_FLR', temporal_start: '2024-01-01', temporal_end: '', contact_email: 'aria@comune.fi.it',
      conforms_to_identifier: 'PM10-MODEL', conforms_to_title: 'Modello dati PM10', conforms_to_uri: 'https://schema.example.it/pm10',
    }, token));
    expect(res.status).toBe(303);
    const dataset = await show('aria-firenze');
    expect(JSON.parse(dataset.theme)).toEqual([{ theme: 'ENVI', subthemes: [SUBTHEME_ENVI] }, { theme: 'HEAL', subthemes: [] }]);
    expect(dataset.frequency).toBe('DAILY');
    expect(dataset.dcatapit_defaults).toEqual([]);
    expect(dataset.language).toBe('{ITA,ENG}');
    expect(dataset.geographical_name).toBe('ITA_FLR');
    expect(dataset.temporal_start).toBe('2024-01-01');
    expect(dataset.contact_email).toBe('aria@comune.fi.it');
    expect(JSON.parse(dataset.conforms_to)).toEqual([{ identifier: 'PM10-MODEL', title: 'Modello dati PM10', uri: 'https://schema.example.it/pm10' }]);
    expect(dataset.identifier).toBe(`${ipa}:aria-firenze`);
  });

  it('prefills the edit form with the stored values: placeholders stay unselected, with a note', async () => {
    await makeDataset(cat, org.name, { name: 'solo-nucleo', title: 'Solo nucleo' });
    const html = unescapeHtml((await editorAgent.get('/dataset/edit/solo-nucleo').expect(200)).text);
    expect(html).toMatch(/<div class="alert alert-warning" role="status" id="dcat-defaults-note">Tema e frequenza non scelti: nel catalogo compaiono come 'Dati provvisori' e 'Sconosciuta'\. Sceglili per migliorare la qualità\.<\/div>/);
    expect(between(html, '<fieldset class="form-group" id="field-theme"', '</fieldset>')).not.toContain('checked');
    expect(between(html, '<select id="field-frequency"', '</select>')).not.toContain('selected');
    // Derived values are not written into the boxes: they would be stored as the editor's own.
    expect(html).toMatch(/<input id="field-publisher_name" name="publisher_name" type="text" value=""/);
    expect(html).toMatch(/<input id="field-issued" name="issued" type="date" value=""/);
    // The identifier, once derived, is the dataset's own.
    expect(html).toContain(`<input id="field-identifier" name="identifier" type="text" value="${ipa}:solo-nucleo"`);
  });

  it('shows what an editor chose, without the note, and keeps it through a save', async () => {
    const form = await editorAgent.get('/dataset/edit/aria-firenze').expect(200);
    const html = unescapeHtml(form.text);
    expect(html).not.toContain('dcat-defaults-note');
    expect(html).toMatch(/value="ENVI" id="theme-ENVI" checked>/);
    expect(html).toContain('<option value="DAILY" selected>');
    // What was chosen comes first, in a group of its own, once: no other box sends the same value.
    const subthemes = boxes(choiceList(html, 'subthemes'));
    expect(subthemes[0]).toEqual({ value: SUBTHEME_ENVI, checked: true });
    expect(subthemes.filter((b) => b.value === SUBTHEME_ENVI)).toHaveLength(1);
    const languages = boxes(choiceList(html, 'language'));
    expect(languages.slice(0, 3)).toEqual([{ value: 'ITA', checked: true }, { value: 'ENG', checked: true }, { value: 'DEU', checked: false }]);
    expect(languages.filter((b) => b.checked)).toHaveLength(2);
    expect(choiceList(html, 'language')).toMatch(/<legend[^>]*>Già scelti<\/legend>/);
    expect(html).toContain('<option value="ITA_FLR" selected>Firenze</option>');
    expect(html).toContain('value="Modello dati PM10"');
  });

  it('shows a reversed period next to the end date, in Italian, with what was typed kept', async () => {
    const form = await editorAgent.get('/dataset/edit/aria-firenze').expect(200);
    const res = await editorAgent.post('/dataset/edit/aria-firenze').type('form').send(datasetForm({
      name: 'aria-firenze', theme: ['TRAN'], frequency: 'WEEKLY', temporal_start: '2024-12-31', temporal_end: '2024-01-01',
    }, csrfTokenIn(form.text)));
    expect(res.status).toBe(409);
    const html = unescapeHtml(res.text);
    expect(html).toMatch(/id="field-temporal_end-error"[^>]*>La fine della copertura temporale precede il suo inizio/);
    expect(html).toMatch(/<input id="field-temporal_end" name="temporal_end" type="date" value="2024-01-01" class="form-control is-invalid" aria-invalid="true" aria-describedby="field-temporal_end-hint field-temporal_end-error">/);
    expect(html).toContain('value="2024-12-31"');
    expect(html).toContain('href="#field-temporal_end"');
    expect(html).toMatch(/value="TRAN" id="theme-TRAN" checked>/);
    expect(html).toContain('<option value="WEEKLY" selected>');
    // Nothing was saved.
    expect((await show('aria-firenze')).frequency).toBe('DAILY');
  });

  // A frequency outside the EU vocabulary is no error (CKAN takes it: it would be kept as frequency_unmapped).
  it('shows an e-mail error next to its box, and none next to a frequency outside the vocabulary', async () => {
    const form = await editorAgent.get('/dataset/edit/aria-firenze').expect(200);
    const res = await editorAgent.post('/dataset/edit/aria-firenze').type('form').send(datasetForm({
      name: 'aria-firenze', frequency: 'NOPE', contact_email: 'non-una-email',
    }, csrfTokenIn(form.text)));
    expect(res.status).toBe(409);
    const html = unescapeHtml(res.text);
    expect(html).not.toContain('id="field-frequency-error"');
    expect(html).toMatch(/id="field-contact_email-error"[^>]*>Indirizzo email non valido/);
    expect(html).toContain('value="non-una-email"');
  });

  it('clears a stored value when its box is emptied, and the portal derives it again', async () => {
    // What the form does not show (creators, from the API) is kept.
    await runAction('package_patch', await sysadminContext(cat), { id: 'aria-firenze', creator: [{ creator_name: 'ARPAT', creator_identifier: 'arpat' }] });
    const form = await editorAgent.get('/dataset/edit/aria-firenze').expect(200);
    await editorAgent.post('/dataset/edit/aria-firenze').type('form').send(datasetForm({
      name: 'aria-firenze', theme: ['ENVI'], frequency: '', contact_email: '',
    }, csrfTokenIn(form.text))).expect(303);
    const dataset = await show('aria-firenze');
    expect(dataset.frequency).toBe('UNKNOWN');
    expect(dataset.dcatapit_defaults).toEqual(['frequency']);
    expect(JSON.parse(dataset.theme)).toEqual([{ theme: 'ENVI', subthemes: [] }]);
    expect(dataset.contact_email).toBe('');
    expect(JSON.parse(dataset.conforms_to)).toEqual([]);
    expect(JSON.parse(dataset.creator)).toEqual([{ creator_name: 'ARPAT', creator_identifier: 'arpat' }]);
    const edit = unescapeHtml((await editorAgent.get('/dataset/edit/aria-firenze').expect(200)).text);
    expect(edit).toContain("Frequenza non scelta: nel catalogo compare come 'Sconosciuta'.");
  });
});

describe('the dataset page', () => {
  beforeAll(async () => {
    await makeDataset(cat, org.name, {
      name: 'pm10-firenze', title: 'PM10 a Firenze </script><script>alert(1)</script>', tag_string: 'aria',
      theme: [{ theme: 'ENVI', subthemes: [SUBTHEME_ENVI] }], frequency: 'ANNUAL', language: ['ITA'],
      geographical_name: 'ITA_FLR', temporal_start: '2020-01-01', temporal_end: '2020-12-31',
      contact_name: 'Ufficio ambiente', contact_email: 'ambiente@comune.fi.it',
      resources: [{ name: 'Misure', url: 'https://dati.example.it/pm10.csv', format: 'csv', byte_size: 2048, checksum: 'sha256:' + 'a'.repeat(64) }],
    });
  });

  it('shows the DCAT-AP_IT metadata and each resource\'s format, licence, size and checksum', async () => {
    const html = unescapeHtml((await request(cat.app).get('/dataset/pm10-firenze').expect(200)).text);
    const metadata = between(html, '<section aria-labelledby="metadata-title"', '</section>');
    expect(metadata).toContain('<h2 id="metadata-title" class="h4">Metadati</h2>');
    expect(metadata).toContain(`<dt>Identificativo</dt><dd><code class="text-break">${ipa}:pm10-firenze</code></dd>`);
    expect(metadata).toMatch(/<dt>Temi<\/dt>\s*<dd><ul class="list-unstyled mb-0"><li>Ambiente: [^<]+<\/li><\/ul><\/dd>/);
    expect(metadata).toContain('<dt>Frequenza di aggiornamento</dt><dd>Annuale</dd>');
    expect(metadata).toContain(`<dt>Editore</dt><dd>Comune di Firenze (${ipa})</dd>`);
    expect(metadata).toContain('<dt>Lingue</dt><dd>Italiano</dd>');
    expect(metadata).toContain('<dt>Copertura temporale</dt><dd>dal 1 gennaio 2020 al 31 dicembre 2020</dd>');
    expect(metadata).toContain('<dt>Copertura geografica</dt><dd>Firenze</dd>');
    expect(metadata).toContain('Ufficio ambiente (<a href="mailto:ambiente@comune.fi.it">ambiente@comune.fi.it</a>)');
    expect(metadata).toMatch(/<time datetime="\d{4}-\d{2}-\d{2}">/);
    // Visible links to the record in the four RDF syntaxes.
    expect(metadata).toMatch(/Metadati DCAT-AP_IT:\s*<a href="\/dataset\/pm10-firenze\.ttl" type="text\/turtle" rel="alternate">Turtle/);
    for (const ext of ['rdf', 'jsonld', 'nt']) expect(metadata).toContain(`href="/dataset/pm10-firenze.${ext}"`);
    const resource = between(html, '<dl class="row small mb-2 catalogo-resource-meta">', '</dl>');
    expect(resource).toContain('<dt class="col-sm-3">Formato</dt><dd class="col-sm-9 mb-1">CSV</dd>');
    expect(resource).toContain('rel="license">Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)</a>');
    expect(resource).toContain('<span data-size="2048">2 kB</span>');
    expect(resource).toContain(`<code class="text-break">sha256:${'a'.repeat(64)}</code>`);
  });

  it('puts the RDF alternates in <head>', async () => {
    const html = unescapeHtml((await request(cat.app).get('/dataset/pm10-firenze').expect(200)).text);
    const head = between(html, '<head>', '</head>');
    expect(head).toContain('<link rel="alternate" type="text/turtle" href="/dataset/pm10-firenze.ttl" title="Metadati DCAT-AP_IT in Turtle">');
    expect(head).toContain('<link rel="alternate" type="application/rdf+xml" href="/dataset/pm10-firenze.rdf"');
    expect(head).toContain('<link rel="alternate" type="application/ld+json" href="/dataset/pm10-firenze.jsonld"');
    expect(head).toContain('<link rel="alternate" type="application/n-triples" href="/dataset/pm10-firenze.nt"');
    // Only on dataset pages.
    expect((await request(cat.app).get('/dataset').expect(200)).text).not.toContain('type="text/turtle"');
  });

  it('embeds schema.org JSON-LD that parses, names the dataset and cannot be broken out of', async () => {
    const { text } = await request(cat.app).get('/dataset/pm10-firenze').expect(200);
    const scripts = [...text.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    expect(text).not.toContain('<script>alert(1)');
    const data = JSON.parse(scripts[0][1]);
    expect(data['@type']).toBe('Dataset');
    expect(data.name).toBe('PM10 a Firenze </script><script>alert(1)</script>');
    expect(data.url).toBe('http://catalogo.test/dataset/pm10-firenze');
    expect(data.temporalCoverage).toBe('2020-01-01/2020-12-31');
    expect(data.distribution[0]).toMatchObject({ '@type': 'DataDownload', contentUrl: 'https://dati.example.it/pm10.csv', encodingFormat: 'text/csv' });
  });

  it('shows the quality score with its rating in words, a table per dimension and the improvements', async () => {
    const dataset = await show('pm10-firenze');
    const html = unescapeHtml((await request(cat.app).get('/dataset/pm10-firenze').expect(200)).text);
    const quality = between(html, '<section aria-labelledby="quality-title"', '</section>');
    expect(quality).toContain('<h2 id="quality-title" class="h4">Qualità dei metadati</h2>');
    expect(quality).toContain(`<strong>Punteggio: ${dataset.dcat_quality.score} su 405</strong>, giudizio: eccellente`);
    expect(quality).toMatch(/<th scope="row">Reperibilità<\/th>\s*<td class="w-50">100 su 100/);
    expect(quality).toMatch(/<th scope="row">Contestualità<\/th>/);
    expect(quality).toContain('Nessun suggerimento: i metadati sono completi.');
    // A core-only dataset lists what to do; anonymous visitors get no edit links.
    const core = unescapeHtml((await request(cat.app).get('/dataset/solo-nucleo').expect(200)).text);
    const improvements = between(core, '<h3 class="h5" id="quality-improvements">', '</ul>');
    expect(improvements).toContain('<li data-field="theme"><span>Scegli uno o più temi');
    expect(improvements).not.toContain('/dataset/edit/');
    expect(core).toMatch(/giudizio: scarsa/);
  });

  it('tells an editor which fields are placeholders, with links to the form; visitors do not see the note', async () => {
    const html = unescapeHtml((await editorAgent.get('/dataset/solo-nucleo').expect(200)).text);
    expect(html).toMatch(/<div class="alert alert-warning catalogo-dcat-defaults" role="status">\s*<p class="mb-1"><strong>Metadati da completare\.<\/strong> Tema e frequenza non scelti/);
    expect(html).toContain('<a href="/dataset/edit/solo-nucleo#dcat-metadata">Completa i metadati</a>');
    expect(html).toContain('<li data-field="frequency"><span>Scegli la frequenza di aggiornamento: ora risulta \'Sconosciuta\'.</span> <a href="/dataset/edit/solo-nucleo#field-frequency">Modifica</a></li>');
    // The placeholders show as such in the metadata.
    expect(html).toContain('<dt>Frequenza di aggiornamento</dt><dd>Sconosciuto</dd>');
    expect((await request(cat.app).get('/dataset/solo-nucleo').expect(200)).text).not.toContain('catalogo-dcat-defaults');
  });

  it('shows English labels and improvement messages on the English page', async () => {
    const html = unescapeHtml((await request(cat.app).get('/dataset/pm10-firenze?lang=en').expect(200)).text);
    expect(html).toContain('<h2 id="metadata-title" class="h4">Metadata</h2>');
    expect(html).toMatch(/<dt>Themes<\/dt>\s*<dd><ul class="list-unstyled mb-0"><li>Environment: /);
    expect(html).toContain('<dt>Update frequency</dt><dd>Annual</dd>');
    expect(html).toContain('<dt>Languages</dt><dd>Italian</dd>');
    expect(html).toContain('<dt>Temporal coverage</dt><dd>from 1 January 2020 to 31 December 2020</dd>');
    expect(html).toContain('<dt>Spatial coverage</dt><dd>Florence</dd>');
    expect(html).toContain('<h2 id="quality-title" class="h4">Metadata quality</h2>');
    expect(html).toMatch(/Score: \d+ out of 405<\/strong>, rating: excellent/);
    expect(html).toContain('<th scope="row">Findability</th>');
    expect(html).toContain('title="DCAT-AP_IT metadata in Turtle"');
    const core = unescapeHtml((await request(cat.app).get('/dataset/solo-nucleo?lang=en').expect(200)).text);
    expect(core).toContain('<li data-field="theme"><span>Choose one or more themes');
    expect(core).not.toContain('lang="it">Scegli');
    const form = unescapeHtml((await editorAgent.get('/dataset/new?lang=en').expect(200)).text);
    expect(form).toContain('<legend class="h4">DCAT-AP_IT metadata</legend>');
    expect(form).toContain('for="theme-ENVI">Environment</label>');
    expect(form).toContain('<option value="ANNUAL">Annual</option>');
    expect(choiceList(form, 'language')).toMatch(/<legend[^>]*>Most used<\/legend>\s*<div class="form-check">\s*<input[^>]*value="ITA"[^>]*>\s*<label[^>]*>Italian<\/label>/);
  });
});
