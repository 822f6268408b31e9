// Plurals and numbers in both languages: translate() picks `key_one`/`key_other` by Intl.PluralRules from
// `count` and writes the count as the language does; the view helpers format numbers and dates the same way.
import Handlebars from 'handlebars';
import { formatNumber, LANGS, translate } from '../../server/i18n';
import { validationMessageInEnglish } from '../../server/i18n/validation-en';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const numberHelper = require('../../views/helpers/number.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dateHelper = require('../../views/helpers/date.js');
const page = (lang: string) => ({ data: { root: { lang } } });

describe('translate with a count', () => {
  it('says "1 dataset" and "2 datasets" in English, "1 dataset trovato" and "2 dataset trovati" in Italian', () => {
    expect(translate('en', 'org.count', { count: 1 })).toBe('1 dataset');
    expect(translate('en', 'org.count', { count: 2 })).toBe('2 datasets');
    expect(translate('en', 'org.count', { count: 0 })).toBe('0 datasets');
    expect(translate('it', 'search.results', { count: 1 })).toBe('1 dataset trovato');
    expect(translate('it', 'search.results', { count: 2 })).toBe('2 dataset trovati');
    expect(translate('it', 'preview.rows', { count: 1 })).toBe('1 riga');
    expect(translate('it', 'preview.rows', { count: 3 })).toBe('3 righe');
    expect(translate('en', 'preview.columns', { count: 1 })).toBe('1 column');
  });

  it('writes the count as the language writes numbers', () => {
    expect(translate('en', 'search.results', { count: 12345 })).toBe('12,345 datasets found');
    expect(translate('it', 'search.results', { count: 12345 })).toBe('12.345 dataset trovati');
  });

  it('takes a count given as digits, and leaves a message without plural forms as it is', () => {
    expect(translate('en', 'org.count', { count: '1' })).toBe('1 dataset');
    expect(translate('en', 'report.more', { count: 1 })).toBe('and 1 more of the same kind.');
    expect(translate('en', 'nav.home', { count: 3 })).toBe('Home');
  });

  it('has both plural forms in both languages for every plural message', () => {
    for (const lang of ['it', 'en'] as const) {
      const keys = Object.keys(LANGS[lang]);
      for (const key of keys.filter((k) => k.endsWith('_one'))) expect(keys).toContain(key.replace(/_one$/, '_other'));
    }
  });
});

describe('numbers and dates in the visitor language', () => {
  it('formats numbers in code and in views', () => {
    expect(formatNumber('it', 1234567)).toBe('1.234.567');
    expect(formatNumber('en', 1234567)).toBe('1,234,567');
    expect(formatNumber('en', 'n/a')).toBe('n/a');
    expect(numberHelper(11802, page('it'))).toBe('11.802');
    expect(numberHelper(11802, page('en'))).toBe('11,802');
    expect(numberHelper('', page('en'))).toBe('');
  });

  it('writes dates with the month in the visitor language, in Rome time', () => {
    expect(dateHelper('2024-03-05T10:00:00', page('it'))).toMatch(/^5 marzo 2024.*11:00$/);
    expect(dateHelper('2024-03-05T10:00:00', page('en'))).toMatch(/^5 March 2024.*11:00$/);
  });

  it('renders plurals through the t helper of the views', () => {
    const hbs = Handlebars.create();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    hbs.registerHelper('t', require('../../views/helpers/t.js'));
    const template = hbs.compile('{{t "org.count" count=n}}');
    const root = (lang: 'it' | 'en', n: number) => ({ n, lang, translate: (k: string, p: Record<string, unknown>) => translate(lang, k, p) });
    expect(template(root('en', 1))).toBe('1 dataset');
    expect(template(root('en', 1500))).toBe('1,500 datasets');
  });
});

describe('validation messages on English pages', () => {
  it('reads the schema and action messages in English', () => {
    expect(validationMessageInEnglish('Campo obbligatorio mancante')).toBe('Required field missing');
    expect(validationMessageInEnglish('Troppo lungo: al massimo 100 caratteri')).toBe('Too long: at most 100 characters');
    expect(validationMessageInEnglish('Tipo errato: atteso un numero intero')).toBe('Wrong type: expected a whole number');
    expect(validationMessageInEnglish('Troppi temi: al massimo 20')).toBe('Too many themes: at most 20');
    expect(validationMessageInEnglish('"xyz" non è un codice del vocabolario delle frequenze EU (frequency): usa un codice come ANNUAL'))
      .toBe('"xyz" is not a code of the vocabulary of EU frequencies (frequency): use a code such as ANNUAL');
  });

  it('knows no rule for a message it was not written for', () => {
    expect(validationMessageInEnglish('Un messaggio nuovo')).toBeNull();
  });
});
