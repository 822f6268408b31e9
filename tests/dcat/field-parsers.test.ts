// The readers of server/dcat/field-parsers.ts: pure functions turning what CKAN clients send
// (lists, ckanext-dcatapit's JSON text, PostgreSQL arrays, comma lists) into normalised values.
import { FieldErrors } from '../../server/core/errors';
import { isRealDate } from '../../server/core/dates';
import {
  addError, codeList, httpUrl, isoDate, jsonOrValue, languageCodes, objectList, vocabularyCode, withinLimit,
} from '../../server/dcat/field-parsers';
import { readAlternateIdentifiers, readCreators, readStandards, readThemes } from '../../server/dcat/dataset-field-readers';

const badDate = (text: string) => `Data non valida: "${text}". Usa il formato AAAA-MM-GG (es. 2024-12-31)`;

/** Runs a reader with a fresh errors object and returns both. */
function withErrors<T>(read: (errors: FieldErrors) => T): { value: T; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const value = read(errors);
  return { value, errors };
}

describe('isoDate', () => {
  it.each([
    ['2024-02-29', '2024-02-29'],
    ['2024-12-31', '2024-12-31'],
    ['  2024-01-15  ', '2024-01-15'],
    ['2024-12-31T10:20', '2024-12-31T10:20'],
    ['2024-12-31T10:20:30Z', '2024-12-31T10:20:30Z'],
    ['2024-12-31T10:20:30.123456+01:00', '2024-12-31T10:20:30.123456+01:00'],
  ])('accepts %j as %j', (input, expected) => {
    expect(withErrors((e) => isoDate(input, 'issued', e))).toEqual({ value: expected, errors: {} });
  });

  it.each([undefined, null, '', '   '])('reads %j as empty, with no error', (input) => {
    expect(withErrors((e) => isoDate(input, 'issued', e))).toEqual({ value: '', errors: {} });
  });

  it.each([
    '2024-02-30', '2023-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '31/12/2024', '2024/12/31', '20241231',
    '2024-1-5', 'ieri', '2024-12-31 10:20', '2024-12-31T10:20:30X',
  ])('rejects %j with a message on the field', (input) => {
    expect(withErrors((e) => isoDate(input, 'temporal_start', e))).toEqual({ value: '', errors: { temporal_start: [badDate(input)] } });
  });

  it('rejects a number: a date is text', () => {
    expect(withErrors((e) => isoDate(2024, 'modified', e))).toEqual({ value: '', errors: { modified: [badDate('2024')] } });
  });

  it.each(['2024-12-31T25:00:00Z', '2024-12-31T10:61:00Z', '2024-12-31T10:20:75Z', '2024-12-31T10:20:30+25:00'])(
    'rejects %j, a time that does not exist', (input) => {
      expect(withErrors((e) => isoDate(input, 'issued', e))).toEqual({ value: '', errors: { issued: [badDate(input)] } });
    },
  );

  it('quotes at most 40 characters of a long bad value', () => {
    const long = 'x'.repeat(100);
    expect(withErrors((e) => isoDate(long, 'issued', e)).errors).toEqual({ issued: [badDate('x'.repeat(40))] });
  });

  it('adds to the errors already found, without repeating a message', () => {
    const errors: FieldErrors = { issued: ['prima'] };
    isoDate('2024-02-30', 'issued', errors);
    isoDate('2024-02-30', 'issued', errors);
    isoDate('31/12/2024', 'modified', errors);
    expect(errors).toEqual({ issued: ['prima', badDate('2024-02-30')], modified: [badDate('31/12/2024')] });
  });
});

describe('codeList', () => {
  it.each<[unknown, string[]]>([
    ['ITA', ['ITA']],
    ['ITA,ENG', ['ITA', 'ENG']],
    [' ITA ; ENG ', ['ITA', 'ENG']],
    ['{ITA,ENG}', ['ITA', 'ENG']],
    ['{ITA}', ['ITA']],
    [['ITA', 'ENG'], ['ITA', 'ENG']],
    ['["ITA","ENG"]', ['ITA', 'ENG']],
    ['ITA,,ENG,', ['ITA', 'ENG']],
    ['ITA,ENG,ITA', ['ITA', 'ENG']],
    [[' ITA ', 'ITA', ''], ['ITA']],
    ['ita', ['ita']],
    ['', []],
    ['{}', []],
    ['[]', []],
    [[], []],
    [undefined, []],
    [null, []],
  ])('%j → %j', (input, expected) => {
    expect(codeList(input)).toEqual(expected);
  });
});

describe('jsonOrValue', () => {
  it('returns what is not text unchanged, the same object', () => {
    const list = [{ theme: 'AGRI' }];
    const object = { theme: 'AGRI' };
    expect(jsonOrValue(list)).toBe(list);
    expect(jsonOrValue(object)).toBe(object);
    expect(jsonOrValue(42)).toBe(42);
    expect(jsonOrValue(null)).toBeNull();
    expect(jsonOrValue(undefined)).toBeUndefined();
  });

  it.each<[string, unknown]>([
    ['[{"theme":"AGRI","subthemes":["http://eurovoc.europa.eu/100245"]}]', [{ theme: 'AGRI', subthemes: ['http://eurovoc.europa.eu/100245'] }]],
    ['  {"identifier": "ISTAT:1"}  ', { identifier: 'ISTAT:1' }],
    ['["ITA","ENG"]', ['ITA', 'ENG']],
    ['[]', []],
    ['{"a":{}}', { a: {} }],
  ])('parses the JSON text %j', (input, expected) => {
    expect(jsonOrValue(input)).toEqual(expected);
  });

  it.each(['{ITA,ENG}', '{ITA}', '{}', '[non json', '{"a":', 'AGRI', '"AGRI"', '123', 'true', ''])(
    'leaves %j as it is (not a JSON list or object)', (input) => {
      expect(jsonOrValue(input)).toBe(input);
    },
  );
});

describe('objectList', () => {
  const INVALID = 'Formato non valido: atteso un elenco di oggetti JSON';

  it.each<[unknown, Record<string, unknown>[]]>([
    [[{ creator_name: 'A' }, { creator_name: 'B' }], [{ creator_name: 'A' }, { creator_name: 'B' }]],
    [{ creator_name: 'A' }, [{ creator_name: 'A' }]],
    ['[{"creator_name":"A"},{"creator_name":"B"}]', [{ creator_name: 'A' }, { creator_name: 'B' }]],
    ['{"creator_name":"A"}', [{ creator_name: 'A' }]],
    ['[]', []],
    [[], []],
    ['', []],
    [null, []],
    [undefined, []],
  ])('%j → %j with no error', (input, expected) => {
    expect(withErrors((e) => objectList(input, 'creator', e))).toEqual({ value: expected, errors: {} });
  });

  it.each<[unknown, Record<string, unknown>[]]>([
    ['Mario Rossi', []],
    [['Mario Rossi'], []],
    [[{ creator_name: 'A' }, 'B'], [{ creator_name: 'A' }]],
    [[[{ creator_name: 'A' }]], []],
    [[null], []],
    [42, []],
    ['[{"creator_name":"A"}, 3]', [{ creator_name: 'A' }]],
  ])('%j: keeps only the objects, %j, and reports the rest', (input, expected) => {
    expect(withErrors((e) => objectList(input, 'creator', e))).toEqual({ value: expected, errors: { creator: [INVALID] } });
  });
});

describe('vocabularyCode', () => {
  it.each<[Parameters<typeof vocabularyCode>[0], string, string]>([
    ['data-theme', 'AGRI', 'AGRI'],
    ['data-theme', 'agri', 'AGRI'],
    ['data-theme', '  Econ ', 'ECON'],
    ['data-theme', 'http://publications.europa.eu/resource/authority/data-theme/TRAN', 'TRAN'],
    ['frequency', 'annual', 'ANNUAL'],
    ['frequency', 'http://publications.europa.eu/resource/authority/frequency/MONTHLY', 'MONTHLY'],
    ['language', 'ita', 'ITA'],
    ['place', 'ita_flr', 'ITA_FLR'],
    ['file-type', 'csv', 'CSV'],
    ['licence', 'a21_ccby40', 'A21_CCBY40'],
  ])('%s: %j → %j', (name, raw, code) => {
    expect(withErrors((e) => vocabularyCode(name, raw, 'campo', e))).toEqual({ value: code, errors: {} });
  });

  it.each<[Parameters<typeof vocabularyCode>[0], string, string]>([
    ['data-theme', 'SPORT', '"SPORT" non è un codice del vocabolario dei temi EU (data-theme): usa un codice come AGRI, ECON, EDUC, ENER'],
    ['frequency', 'SOMETIMES', '"SOMETIMES" non è un codice del vocabolario delle frequenze EU (frequency): usa un codice come ANNUAL, ANNUAL_2, ANNUAL_3, BIDECENNIAL'],
    ['place', 'XXX', '"XXX" non è un codice del vocabolario dei luoghi EU (place): usa un codice come ITA_8WV, ITA_ACC, ITA_ACI, ITA_AEA'],
    ['language', 'KLINGON', '"KLINGON" non è un codice del vocabolario delle lingue EU (language): usa un codice come 0D0, 0E0, ADS, AED'],
    ['file-type', 'FOO', '"FOO" non è un codice del vocabolario dei formati EU (file-type): usa un codice come 7Z, AAC, AKN4EU, AKN4EU_ZIP'],
    ['licence', 'CC-BY-4.0', '"CC-BY-4.0" non è un codice del vocabolario delle licenze AgID: usa un codice come A11_CCO10, A12_PDDL, A210_ODCBY, A21_CCBY40'],
  ])('%s: rejects %j naming the vocabulary', (name, raw, message) => {
    expect(withErrors((e) => vocabularyCode(name, raw, 'campo', e))).toEqual({ value: null, errors: { campo: [message] } });
  });

  it('does not take a code of one vocabulary for another', () => {
    expect(withErrors((e) => vocabularyCode('data-theme', 'ANNUAL', 'theme', e)).value).toBeNull();
    expect(withErrors((e) => vocabularyCode('frequency', 'AGRI', 'frequency', e)).value).toBeNull();
    expect(withErrors((e) => vocabularyCode('data-theme', 'http://publications.europa.eu/resource/authority/frequency/ANNUAL', 'theme', e)).value).toBeNull();
  });

  it('quotes at most 60 characters of a long unknown value', () => {
    const { errors } = withErrors((e) => vocabularyCode('frequency', 'Z'.repeat(200), 'frequency', e));
    expect(errors.frequency).toEqual([`"${'Z'.repeat(60)}" non è un codice del vocabolario delle frequenze EU (frequency): usa un codice come ANNUAL, ANNUAL_2, ANNUAL_3, BIDECENNIAL`]);
  });
});

describe('httpUrl', () => {
  it.each(['http://example.org', 'https://www.geonames.org/3176959', 'HTTPS://EXAMPLE.ORG/a?b=c#d'])('accepts %j', (url) => {
    expect(withErrors((e) => httpUrl(url, 'is_version_of', e))).toEqual({ value: url, errors: {} });
  });

  it('trims, and reads empty values as empty without error', () => {
    expect(withErrors((e) => httpUrl('  https://example.org/x  ', 'f', e))).toEqual({ value: 'https://example.org/x', errors: {} });
    expect(withErrors((e) => httpUrl(undefined, 'f', e))).toEqual({ value: '', errors: {} });
    expect(withErrors((e) => httpUrl('', 'f', e))).toEqual({ value: '', errors: {} });
  });

  it.each(['ftp://example.org/x', 'www.example.org', 'urn:isbn:123', 'http://', 'https://exa mple.org', 'javascript:alert(1)'])('rejects %j', (url) => {
    expect(withErrors((e) => httpUrl(url, 'is_version_of', e))).toEqual({
      value: '', errors: { is_version_of: [`Indirizzo non valido: "${url}". Deve iniziare con http:// o https://`] },
    });
  });
});

describe('addError', () => {
  it('appends messages to a field once each', () => {
    const errors: FieldErrors = {};
    addError(errors, 'theme', 'uno');
    addError(errors, 'theme', 'due');
    addError(errors, 'theme', 'uno');
    addError(errors, 'frequency', 'tre');
    expect(errors).toEqual({ theme: ['uno', 'due'], frequency: ['tre'] });
  });
});

describe('httpUrl and ftp://', () => {
  it.each(['download_url', 'access_url', 'resources.0.download_url', 'resources.12.access_url'])('takes ftp:// in %s, a distribution link', (field) => {
    expect(withErrors((e) => httpUrl('ftp://example.org/pub/a.csv', field, e))).toEqual({ value: 'ftp://example.org/pub/a.csv', errors: {} });
  });

  it('names ftp:// among the schemes a distribution link may have', () => {
    expect(withErrors((e) => httpUrl('file:///etc/passwd', 'download_url', e))).toEqual({
      value: '', errors: { download_url: ['Indirizzo non valido: "file:///etc/passwd". Deve iniziare con http://, https:// o ftp://'] },
    });
  });

  it.each(['is_version_of', 'conforms_to', 'geographical_geonames_url', 'download_url_note'])('refuses ftp:// in %s', (field) => {
    expect(withErrors((e) => httpUrl('ftp://example.org/x', field, e)).value).toBe('');
  });
});

describe('isRealDate', () => {
  it.each([[2024, 2, 29], [2024, 12, 31], [2000, 2, 29]])('%i-%i-%i exists', (y, m, d) => expect(isRealDate(y, m, d)).toBe(true));
  it.each([[2023, 2, 29], [2024, 4, 31], [2024, 13, 1], [2024, 0, 10], [1900, 2, 29], [2024, 1, 0]])('%i-%i-%i does not', (y, m, d) => {
    expect(isRealDate(y, m, d)).toBe(false);
  });
});

describe('addError: bounded, O(1) per call', () => {
  it('keeps the first five messages of a field, then one line counting the others', () => {
    const errors: FieldErrors = {};
    for (let i = 0; i < 12; i++) addError(errors, 'language', `m${i}`);
    addError(errors, 'language', 'm0');
    addError(errors, 'language', 'm11');
    addError(errors, 'theme', 'altro campo');
    expect(errors).toEqual({ language: ['m0', 'm1', 'm2', 'm3', 'm4', '… e altri 7 valori non validi'], theme: ['altro campo'] });
  });

  it('says "un altro" for one more', () => {
    const errors: FieldErrors = {};
    for (let i = 0; i < 6; i++) addError(errors, 'f', `m${i}`);
    expect(errors.f[5]).toBe('… e un altro valore non valido');
  });

  it('respects messages already there, and a list replaced by other code', () => {
    const errors: FieldErrors = { f: ['a', 'b', 'c', 'd', 'e', 'f'] };
    addError(errors, 'f', 'a');
    addError(errors, 'f', 'g');
    expect(errors.f).toEqual(['a', 'b', 'c', 'd', 'e', 'f', '… e un altro valore non valido']);
    errors.f = ['nuovo'];
    addError(errors, 'f', 'a');
    expect(errors.f).toEqual(['nuovo', 'a']);
  });

  it('takes 100,000 distinct messages on one field in well under a second', () => {
    const errors: FieldErrors = {};
    for (let i = 0; i < 100_000; i++) addError(errors, 'theme', `valore ${i}`);
    expect(errors.theme).toHaveLength(6);
    expect(errors.theme[5]).toBe('… e altri 99995 valori non validi');
  });
});

describe('list limits', () => {
  it('withinLimit says whether a list fits, and names the limit when not', () => {
    const errors: FieldErrors = {};
    expect(withinLimit([1, 2], 2, 'f', 'Troppi valori', errors)).toBe(true);
    expect(withinLimit([1, 2, 3], 2, 'f', 'Troppi valori', errors)).toBe(false);
    expect(errors).toEqual({ f: ['Troppi valori: al massimo 2'] });
  });

  it('languageCodes reads codes and refuses more than 30 before looking any up', () => {
    expect(withErrors((e) => languageCodes('{ita,ENG}', 'language', e))).toEqual({ value: ['ITA', 'ENG'], errors: {} });
    const many = Array.from({ length: 31 }, (_, i) => `X${i}`);
    expect(withErrors((e) => languageCodes(many, 'resources.0.language', e))).toEqual({
      value: [], errors: { 'resources.0.language': ['Troppe lingue: al massimo 30'] },
    });
  });

  it('readThemes refuses 10,000 subthemes of one theme at once, without reading them', () => {
    const subthemes = Array.from({ length: 10_000 }, (_, i) => String(900000 + i));
    const { value, errors } = withErrors((e) => readThemes({ theme: 'ECON', subthemes }, e));
    expect(errors).toEqual({ theme: ['Troppi sottotemi per il tema ECON: al massimo 50'] });
    expect(value).toEqual([{ theme: 'ECON', subthemes: [] }]);
  });

  it('readThemes refuses more than 20 themes, and reports at most five bad subthemes', () => {
    expect(withErrors((e) => readThemes(Array.from({ length: 21 }, (_, i) => `T${i}`), e)).errors).toEqual({ theme: ['Troppi temi: al massimo 20'] });
    const { errors } = withErrors((e) => readThemes([{ theme: 'ECON', subthemes: Array.from({ length: 50 }, (_, i) => String(900000 + i)) }], e));
    expect(errors.theme).toHaveLength(6);
    expect(errors.theme[5]).toBe('… e altri 45 valori non validi');
  });

  it('readers of object lists refuse more than 50 items, as a list or as JSON text', () => {
    const items = Array.from({ length: 51 }, (_, i) => ({ identifier: `ID-${i}`, creator_name: `Ufficio ${i}` }));
    expect(withErrors((e) => readCreators(JSON.stringify(items), e))).toEqual({ value: [], errors: { creator: ['Troppi autori: al massimo 50'] } });
    expect(withErrors((e) => readStandards(items, e))).toEqual({ value: [], errors: { conforms_to: ['Troppi standard: al massimo 50'] } });
    expect(withErrors((e) => readAlternateIdentifiers(items.map((i) => i.identifier), e))).toEqual({
      value: [], errors: { alternate_identifier: ['Troppi identificativi alternativi: al massimo 50'] },
    });
    expect(withErrors((e) => readCreators(items.slice(0, 50), e)).value).toHaveLength(50);
  });
});

// A backtracking regular expression takes minutes on these 100,000-character inputs; a linear one a
// millisecond. No timing is asserted: the test's own 5-second limit is the guard, far from both.
describe('regular expressions on long input', () => {
  it.each([
    ['a JSON-looking text', '{'.repeat(100_000)],
    ['a PostgreSQL array', `{${'a'.repeat(100_000)}`],
    ['commas', ','.repeat(100_000)],
  ])('codeList reads %s of 100,000 characters without backtracking', (_, value) => {
    expect(Array.isArray(codeList(value))).toBe(true);
  }, 5000);

  it.each(['download_url', 'is_version_of'])('httpUrl checks a 100,000-character %s without backtracking', (field) => {
    const errors = {};
    expect(httpUrl(`http://${'a'.repeat(100_000)} `, field, errors)).toBe(`http://${'a'.repeat(100_000)}`);
    expect(httpUrl(`${'h'.repeat(100_000)}`, field, errors)).toBe('');
    expect(isoDate(`2024-01-01T${'1'.repeat(100_000)}`, 'issued', errors)).toBe('');
    expect(Object.keys(errors)).toEqual(expect.arrayContaining([field, 'issued']));
  }, 5000);
});
