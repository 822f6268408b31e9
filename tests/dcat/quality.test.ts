// The metadata quality score (server/dcat/quality.ts) on real package_show dicts: a dataset with only CKAN's
// core fields scores less than a complete one, the improvements name what is missing, and the placeholders
// the portal fills in (theme OP_DATPRO, frequency UNKNOWN) never count as chosen.
import { runAction } from '../../server/core/actions';
import { datasetQuality, DatasetQuality } from '../../server/dcat/quality';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { makeDataset, makeOrg, sysadminContext } from '../support/factories';

let cat: TestCatalogue;
let org: { id: string; name: string };

beforeAll(async () => {
  cat = await startCatalogue();
  org = await makeOrg(cat, { title: 'Comune di Firenze', identifier: 'c_d612' });
});

afterAll(async () => cat.close());

const COMPLETE = {
  tag_string: 'aria, ambiente',
  theme: [{ theme: 'ENVI', subthemes: [] }],
  frequency: 'DAILY',
  language: ['ITA'],
  geographical_name: 'ITA_FLR',
  temporal_start: '2024-01-01',
  temporal_end: '2024-12-31',
  contact_name: 'Ufficio ambiente',
  contact_email: 'ambiente@comune.fi.it',
  license_id: 'CC-BY-4.0',
  resources: [{ name: 'Misure 2024', url: 'https://dati.example.it/aria-2024.csv', format: 'CSV', byte_size: 1234 }],
};

const scoreOf = (q: DatasetQuality, id: string) => q.dimensions.find((d) => d.id === id)!.score;

describe('datasetQuality', () => {
  it('is in package_show as dcat_quality, the same as computed from the dict', async () => {
    const dataset = await makeDataset(cat, org.name, { name: 'solo-nucleo' });
    const shown = await runAction('package_show', await sysadminContext(cat), { id: 'solo-nucleo' });
    expect(shown.dcat_quality).toEqual(datasetQuality(shown));
    expect(JSON.parse(JSON.stringify(dataset)).dcat_quality).toEqual(shown.dcat_quality);
  });

  it('gives a core-only dataset a low score, and lists exactly what to improve, the largest gain first', async () => {
    const dict = await makeDataset(cat, org.name, { name: 'nucleo-ckan' });
    const quality = datasetQuality(dict);
    expect(quality.max).toBe(405);
    expect(quality.dimensions.map((d) => [d.id, d.label, d.score, d.max])).toEqual([
      ['findability', 'Reperibilità', 0, 100],
      ['accessibility', 'Accessibilità', 0, 100],
      ['interoperability', 'Interoperabilità', 0, 110],
      // Access rights (15, from the dataset's visibility) and the publisher (10, the organization).
      ['reusability', 'Riusabilità', 25, 75],
      // Rights holder, issued and modified: the portal derives them.
      ['contextuality', 'Contestualità', 15, 20],
    ]);
    expect(quality.score).toBe(40);
    expect(quality.rating).toBe('scarsa');
    expect(quality.improvements).toEqual([
      { field: 'resources', message: 'Aggiungi almeno una risorsa: un file da scaricare o un collegamento ai dati.' },
      { field: 'tag_string', message: 'Aggiungi almeno una parola chiave (tag): aiuta a trovare il dataset nelle ricerche.' },
      { field: 'theme', message: "Scegli uno o più temi: ora il dataset compare nel tema provvisorio 'Dati provvisori'." },
      { field: 'frequency', message: "Scegli la frequenza di aggiornamento: ora risulta 'Sconosciuta'." },
      { field: 'geographical_name', message: 'Indica la copertura geografica: il luogo a cui si riferiscono i dati.' },
      { field: 'temporal_start', message: 'Indica la copertura temporale: il periodo a cui si riferiscono i dati.' },
      { field: 'contact_email', message: 'Indica un punto di contatto (nome ed email) a cui scrivere per domande sui dati.' },
    ]);
  });

  it('gives a complete dataset every point and no improvement', async () => {
    const dict = await makeDataset(cat, org.name, { name: 'completo', ...COMPLETE });
    const quality = datasetQuality(dict);
    expect(quality.improvements).toEqual([]);
    expect(quality.dimensions.map((d) => d.score)).toEqual([100, 100, 110, 75, 20]);
    expect(quality).toMatchObject({ score: 405, max: 405, rating: 'eccellente' });
  });

  it('scores a core-only dataset lower than a complete one, dimension by dimension', async () => {
    const core = datasetQuality(await makeDataset(cat, org.name, { name: 'nucleo-2' }));
    const complete = datasetQuality(await makeDataset(cat, org.name, { name: 'completo-2', ...COMPLETE }));
    expect(core.score).toBeLessThan(complete.score);
    for (const [i, d] of core.dimensions.entries()) expect(d.score).toBeLessThanOrEqual(complete.dimensions[i].score);
  });

  it('does not count the placeholders as chosen, even when a client sends them back', async () => {
    const dict = await makeDataset(cat, org.name, { name: 'segnaposto', tag_string: 'prova' });
    // What package_show says: a theme and a frequency are there, but they are the portal's placeholders.
    expect(JSON.parse(dict.theme)).toEqual([{ theme: 'OP_DATPRO', subthemes: [] }]);
    expect(dict.frequency).toBe('UNKNOWN');
    expect(dict.dcatapit_defaults).toEqual(['theme', 'frequency']);
    expect(scoreOf(datasetQuality(dict), 'findability')).toBe(30);
    // A client that stores the placeholders on purpose has still chosen nothing.
    const ctx = await sysadminContext(cat);
    const echoed = await runAction('package_patch', ctx, { id: dict.id, theme: 'OP_DATPRO', frequency: 'UNKNOWN' });
    expect(echoed.dcatapit_defaults).toEqual([]);
    const stillPlaceholders = datasetQuality(echoed);
    expect(scoreOf(stillPlaceholders, 'findability')).toBe(30);
    expect(stillPlaceholders.improvements.map((i) => i.field)).toEqual(expect.arrayContaining(['theme', 'frequency']));
    // A real choice counts: 30 points for the theme, and the DCAT-AP_IT ones (30) once the frequency is chosen too.
    const themed = datasetQuality(await runAction('package_patch', ctx, { id: dict.id, theme: 'ENVI' }));
    expect(scoreOf(themed, 'findability')).toBe(60);
    expect(scoreOf(themed, 'interoperability')).toBe(0);
    const chosen = datasetQuality(await runAction('package_patch', ctx, { id: dict.id, frequency: 'ANNUAL' }));
    expect(scoreOf(chosen, 'interoperability')).toBe(30);
    expect(chosen.improvements.map((i) => i.field)).not.toContain('frequency');
  });

  it('scores the resources by the share that passes, and says how many do not', async () => {
    const dict = await makeDataset(cat, org.name, {
      name: 'risorse-miste', ...COMPLETE,
      resources: [
        { name: 'Dati', url: 'https://dati.example.it/aria.csv', format: 'CSV', byte_size: 10 },
        { name: 'Relazione', url: 'https://dati.example.it/relazione.pdf', format: 'PDF', byte_size: 10 },
        { name: 'Foglio', url: 'https://dati.example.it/aria.xlsx', format: 'XLSX', byte_size: 10 },
        { name: 'Pagina', url: 'https://dati.example.it/aria', format: 'HTML' },
      ],
    });
    const quality = datasetQuality(dict);
    // Download URL: 3 of 4 (the HTML page is reached, not downloaded); machine-readable: CSV and XLSX;
    // non-proprietary: CSV, PDF and HTML; size: 3 of 4.
    expect(scoreOf(quality, 'accessibility')).toBe(50 + Math.round(50 * 3 / 4));
    expect(scoreOf(quality, 'interoperability')).toBe(20 + 10 + 10 + Math.round(20 * 3 / 4) + Math.round(20 * 2 / 4) + 30);
    expect(scoreOf(quality, 'contextuality')).toBe(15 + Math.round(5 * 3 / 4));
    expect(quality.improvements).toEqual([
      { field: 'resources', message: '1 risorsa su 4: manca un indirizzo per scaricare direttamente i dati: carica il file o collega il file stesso, non una pagina web.' },
      { field: 'resources', message: '2 risorse su 4: il formato non è leggibile da un programma: aggiungi i dati in CSV, JSON o XML, oltre a PDF o pagine web.' },
      { field: 'resources', message: '1 risorsa su 4: il formato è proprietario: pubblica anche una versione in un formato aperto (CSV al posto di XLS, ODS, JSON).' },
      { field: 'resources', message: '1 risorsa su 4: manca la dimensione del file: caricalo sul portale, così la dimensione si calcola da sola.' },
    ]);
  });

  it('rates with the MQA limits scaled to the maximum', () => {
    const rating = (dict: Record<string, unknown>) => datasetQuality(dict).rating;
    const base = { dcatapit_defaults: [], resources: [] };
    expect(rating(base)).toBe('scarsa');
    // Findability (100), the DCAT-AP_IT choices (30), access rights and publisher (25), holder and dates (15): 170, sufficient.
    const described = {
      ...base, tags: [{ name: 'a' }], theme: '[{"theme":"ENVI","subthemes":[]}]', frequency: 'ANNUAL', notes: 'x',
      geographical_name: 'ITA_FLR', temporal_start: '2024-01-01', publisher_name: 'Ente', holder_name: 'Ente',
      issued: '2024-01-01', modified: '2024-01-01',
    };
    expect(datasetQuality(described).score).toBe(170);
    expect(rating(described)).toBe('sufficiente');
  });
});
