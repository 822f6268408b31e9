import Ajv2020 from 'ajv/dist/2020';
import { toFieldErrors } from '../../server/core/schemas';
import { addVocabularyKeyword } from '../../server/dcat/vocabulary-keyword';

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addVocabularyKeyword(ajv);
  return ajv.compile({
    type: 'object',
    properties: { theme: { type: 'string', 'x-vocabulary': 'data-theme' }, license_id: { type: 'string', 'x-vocabulary': 'licence' } },
  });
}

describe('the x-vocabulary keyword', () => {
  const validate = validator();

  it('accepts codes of the vocabulary, case-insensitively, and the empty string', () => {
    for (const theme of ['AGRI', 'agri', 'Econ', '']) expect({ theme, ok: validate({ theme }) }).toEqual({ theme, ok: true });
    expect(validate({ license_id: 'a21_ccby40' })).toBe(true);
  });

  it('rejects other values with an Italian message per field and a few example codes', () => {
    expect(validate({ theme: 'XYZ', license_id: 'CC-BY' })).toBe(false);
    expect(toFieldErrors(validate.errors)).toEqual({
      theme: ['Valore "XYZ" non presente nel vocabolario EU data-theme: usa un codice come AGRI, ECON, ENVI, GOVE, …'],
      license_id: ['Valore "CC-BY" non presente nel vocabolario AgID licence: usa un codice come A21_CCBY40, A11_CCO10, A31_CCBYSA40, …'],
    });
  });

  it('refuses a schema naming an unknown vocabulary', () => {
    const ajv = new Ajv2020({ strict: true });
    addVocabularyKeyword(ajv);
    expect(() => ajv.compile({ type: 'string', 'x-vocabulary': 'colours' })).toThrow();
  });

  it('is known to the ajv that compiles schemas/', () => {
    // The schemas in schemas/ are compiled with strict mode: an unknown keyword would throw.
    expect(() => validator()).not.toThrow();
  });
});
