// The benchmark's catalogue (scripts/bench/search.ts): N datasets with Italian titles and descriptions
// drawn from a vocabulary of a few thousand words with Zipf frequencies, 7 organizations, 7 of the EU themes, tags
// and formats, inserted straight into the tables (not through the actions: speed), then indexed.
import { randomUUID } from 'node:crypto';
import { GroupEntity, PackageEntity, PackageGroupEntity, PackageTagEntity, ResourceEntity } from '../../server/catalogue/entities';
import { Services } from '../../server/core/context';
import { writerOf } from '../../server/db/transaction';
import { seededRandom as random } from './seeded-random';

const REAL = `dati comune regione provincia bilancio spese entrate pagamenti fatture contratti appalti gare trasporto
  trasporti autobus fermate parcheggi sosta mobilità strade viabilità traffico incidenti biciclette piste ciclabili
  scuole scuola istruzione studenti università asili nidi popolazione residenti nascite morti matrimoni famiglie
  stranieri anziani giovani lavoro occupazione imprese commercio turismo presenze arrivi alberghi musei biblioteche
  cultura eventi sport impianti palestre ambiente aria qualità rifiuti raccolta differenziata acqua consumi energia
  elettrica gas emissioni verde parchi giardini alberi sanità ospedali farmacie vaccini vaccinazioni covid casi
  ricoveri decessi salute servizi sociali assistenza contributi sussidi elezioni votanti seggi consiglio giunta
  delibere determine atti albo pretorio personale dipendenti stipendi assenze concorsi urbanistica edilizia
  permessi cantieri immobili patrimonio beni confiscati sicurezza polizia sanzioni multe verbali meteo pioggia
  temperature stazioni sensori rilevazioni misure monitoraggio mappa cartografia confini territorio zone quartieri
  frazioni indirizzi numeri civici catasto particelle terreni agricoltura aziende agricole produzione vino olio
  pesca boschi incendi protezione civile emergenze allerta rischio idrogeologico frane alluvioni fiumi ponti
  manutenzione lavori pubblici opere progetti finanziamenti fondi europei investimenti debiti crediti tributi
  tasse imu tari tariffe canoni affitti alloggi case popolari graduatorie domande richieste sportello orari
  uffici accesso civico trasparenza anticorruzione indicatori tempestività annuale mensile trimestrale storico
  serie elenco registro anagrafe censimento statistiche rapporto relazione indagine campione questionario`.split(/\s+/).filter(Boolean);
const SYLLABLES = ['ba', 'ca', 'da', 'fe', 'ga', 'la', 'ma', 'na', 'pa', 'ra', 'sa', 'ta', 've', 'ce', 'di', 'lo', 'ri', 'to', 'ne', 'mi', 'po', 'su', 'tu', 'vi', 'co', 'gra', 'pre', 'stra', 'tri', 'spe'];
const ENDINGS = ['o', 'i', 'a', 'e', 'zione', 'zioni', 'mento', 'menti', 'ale', 'ali', 'ità', 'ario', 'aria'];

/** REAL words first (most frequent), then made-up Italian-looking ones, to `size` words. */
export function vocabularyOf(size: number): string[] {
  const words = new Set(REAL);
  const rand = random(7);
  const next = () => Math.floor(rand() * 1e9);
  while (words.size < size) {
    const syllables = 1 + (next() % 3);
    let word = '';
    for (let i = 0; i < syllables; i += 1) word += SYLLABLES[next() % SYLLABLES.length];
    words.add(word + ENDINGS[next() % ENDINGS.length]);
  }
  return [...words];
}

/** Picks words with Zipf frequencies (rank r weighs 1/r), from a fixed seed: the same catalogue every run. */
export function zipfPicker(words: string[], seed = 42): () => string {
  const cumulative: number[] = [];
  let sum = 0;
  for (let r = 1; r <= words.length; r += 1) cumulative.push((sum += 1 / r));
  const rand = random(seed);
  return () => {
    const target = rand() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    return words[lo];
  };
}

export const ORGANIZATIONS = ['Regione Toscana', 'Comune di Firenze', 'Comune di Prato', 'Comune di Pisa', 'Comune di Lucca', 'Comune di Siena', 'Provincia di Arezzo'];
const DCAT_THEMES = ['TRAN', 'HEAL', 'ENVI', 'ECON', 'EDUC', 'GOVE', 'SOCI'];
const FORMATS = ['CSV', 'CSV', 'CSV', 'JSON', 'PDF', 'XLSX', 'XML', 'GeoJSON', 'ZIP'];
const FREQUENCIES = ['ANNUAL', 'MONTHLY', 'QUARTERLY', 'DAILY', 'IRREG', 'UNKNOWN'];
/** One dataset in this many has it in its description: the broad term matches 15% of the catalogue. */
export const BROAD_TERM = 'consuntivo';

const isoAt = (i: number) => new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString().replace('Z', '000');
const title = (s: string) => s[0].toUpperCase() + s.slice(1);

function batchRows(pick: () => string, orgs: GroupEntity[], themes: GroupEntity[], start: number, end: number) {
  const pkgs: Partial<PackageEntity>[] = [];
  const resources: Partial<ResourceEntity>[] = [];
  const tags: Partial<PackageTagEntity>[] = [];
  const links: Partial<PackageGroupEntity>[] = [];
  const words = (n: number) => Array.from({ length: n }, pick).join(' ');
  for (let i = start; i < end; i += 1) {
    const id = randomUUID();
    const theme = i % DCAT_THEMES.length;
    const notes = `${title(words(14))}. ${title(words(12))}${i % 20 < 3 ? ` ${BROAD_TERM}` : ''}.`;
    pkgs.push({
      id, name: `ds-${i}`, title: title(words(3 + (i % 4))), notes, licenseId: i % 5 ? 'CC-BY-4.0' : 'CC0-1.0',
      ownerOrg: orgs[i % orgs.length].id, private: i % 50 === 0, state: 'active', type: 'dataset', identifier: null,
      hasDistribution: true, metadataCreated: isoAt(i), metadataModified: isoAt(i),
      dcat: { theme: [{ theme: DCAT_THEMES[theme], subthemes: [] }], frequency: FREQUENCIES[i % FREQUENCIES.length] },
      url: '', version: '', author: '', authorEmail: '', maintainer: '', maintainerEmail: '', extras: null,
    });
    links.push({ packageId: id, groupId: themes[theme].id });
    for (const tag of new Set([pick(), pick(), pick()])) tags.push({ packageId: id, tag });
    for (let r = 0; r < 1 + (i % 3); r += 1) {
      resources.push({
        id: randomUUID(), packageId: id, url: `https://dati.example.it/f/${i}-${r}`, urlType: '', name: title(words(3)),
        description: words(6), format: FORMATS[(i + r) % FORMATS.length], mimetype: '', size: null, hash: '', position: r, state: 'active',
        created: isoAt(i), lastModified: null, metadataModified: isoAt(i), currentFileId: null, extras: null, dcat: null,
      });
    }
  }
  return [[PackageEntity, pkgs], [ResourceEntity, resources], [PackageTagEntity, tags], [PackageGroupEntity, links]] as const;
}

function groupRow(name: string, titleText: string, isOrganization: boolean): GroupEntity {
  return Object.assign(new GroupEntity(), {
    id: randomUUID(), name, title: titleText, identifier: '', isOrganization, email: '', created: isoAt(0), state: 'active', description: '', url: '', imageUrl: '',
  });
}

/** Inserts the catalogue, 1,000 datasets per transaction. Returns the vocabulary used. */
export async function fillCatalogue(services: Services, count: number): Promise<string[]> {
  const db = writerOf(services.db);
  const orgs = ORGANIZATIONS.map((t) => groupRow(t.toLowerCase().replace(/\s+/g, '-'), t, true));
  await db.getRepository(GroupEntity).insert(orgs);
  // The themes' groups are the catalogue's own (a migration writes one per EU theme).
  const themeGroups = await db.getRepository(GroupEntity).find({ where: { isOrganization: false } });
  const themes = DCAT_THEMES.map((code) => themeGroups.find((g) => g.theme === code)!);
  const vocabulary = vocabularyOf(3000);
  const pick = zipfPicker(vocabulary);
  for (let start = 0; start < count; start += 1000) {
    await db.transaction(async (m) => {
      for (const [entity, rows] of batchRows(pick, orgs, themes, start, Math.min(count, start + 1000))) {
        for (let i = 0; i < rows.length; i += 200) {
          await m.createQueryBuilder().insert().into(entity).values(rows.slice(i, i + 200) as never).updateEntity(false).execute();
        }
      }
    });
  }
  return vocabulary;
}
