// The committed vocabulary JSON is what runs; it must be exactly what the sources in
// schemas/vocabularies/source/ build to, so neither can change without the other.
import fs from 'node:fs';
import path from 'node:path';
import { buildVocabularies, serializeVocabulary } from '../../scripts/build-vocabularies';
import { subthemeByUri, subthemesOf, termLabel, vocabulary, VocabularyName } from '../../server/dcat/vocabularies';

const dir = path.resolve(__dirname, '..', '..', 'schemas', 'vocabularies');
const NAMES: VocabularyName[] = ['data-theme', 'frequency', 'file-type', 'language', 'place', 'licence'];

describe('the committed vocabularies', () => {
  const built = buildVocabularies(path.join(dir, 'source'));

  it.each([...NAMES, 'subtheme'])('%s.json is what the sources build to', (name) => {
    const committed = fs.readFileSync(path.join(dir, `${name}.json`), 'utf8');
    expect(JSON.parse(committed)).toEqual(built[name]);
    expect(committed).toBe(serializeVocabulary(built[name]));
  });

  it('have every term with a code, a URI in the scheme and both labels', () => {
    for (const name of NAMES) {
      const v = vocabulary(name);
      expect(v.terms.length).toBeGreaterThan(0);
      for (const t of v.terms) {
        expect(t.code).toBe(t.uri.slice(t.uri.lastIndexOf('/') + 1));
        expect(t.labels.it && t.labels.en).toBeTruthy();
      }
      expect(v.title.it && v.title.en).toBeTruthy();
    }
  });

  it('give every licence an ADMS licence type', () => {
    for (const t of vocabulary('licence').terms) expect(t.admsType).toMatch(/^http:\/\/purl\.org\/adms\/licencetype\/\w/);
    expect(vocabulary('licence').byCode('A31_CCBYSA40')?.admsType).toBe('http://purl.org/adms/licencetype/ViralEffect-ShareAlike');
    expect(vocabulary('licence').byCode('A12_PDDL')?.admsType).toBe('http://purl.org/adms/licencetype/PublicDomain');
  });
});

describe('vocabulary()', () => {
  it('finds terms by code, case-insensitively, and by URI', () => {
    const themes = vocabulary('data-theme');
    expect(themes.byCode('agri')?.labels.it).toBe('Agricoltura, pesca, silvicoltura e prodotti alimentari');
    expect(themes.byUri('http://publications.europa.eu/resource/authority/data-theme/ECON')?.code).toBe('ECON');
    expect(themes.byCode('XYZ')).toBeUndefined();
    expect(vocabulary('language').byCode('ita')?.labels.en).toBe('Italian');
    expect(vocabulary('file-type').byCode('csv')?.code).toBe('CSV');
  });

  it('loads each file once', () => {
    expect(vocabulary('frequency')).toBe(vocabulary('frequency'));
  });

  it('gives places without an Italian name their English one in both languages', () => {
    expect(vocabulary('place').byCode('ITA_FLR')?.labels).toEqual({ it: 'Firenze', en: 'Florence' });
    expect(vocabulary('place').byCode('ITA_8WV')?.labels).toEqual({ it: 'Formicola', en: 'Formicola' });
  });
});

describe('subthemes', () => {
  it('belong to EU data themes', () => {
    const agri = subthemesOf('agri');
    expect(agri).toContainEqual({ uri: 'http://eurovoc.europa.eu/100245', labels: { it: '5606 politica agricola', en: '5606 agricultural policy' } });
    expect(subthemeByUri('http://eurovoc.europa.eu/100245')?.theme).toBe('AGRI');
    expect(subthemesOf('XYZ')).toEqual([]);
    expect(subthemeByUri('http://eurovoc.europa.eu/0')).toBeUndefined();
  });

  it('all point at a theme of the vocabulary', () => {
    const themes = vocabulary('data-theme').terms.map((t) => t.code);
    const withSubthemes = themes.filter((code) => subthemesOf(code).length > 0);
    expect(withSubthemes.length).toBeGreaterThanOrEqual(12);
  });
});

describe('termLabel', () => {
  it('picks the language and falls back to the other one', () => {
    expect(termLabel({ labels: { it: 'Ambiente', en: 'Environment' } }, 'en')).toBe('Environment');
    expect(termLabel({ labels: { it: '', en: 'Environment' } }, 'it')).toBe('Environment');
  });
});
