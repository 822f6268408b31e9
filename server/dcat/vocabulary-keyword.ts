// The ajv keyword `"x-vocabulary": "data-theme"` of schemas/: the string must be a code of that
// controlled vocabulary (case-insensitive). The empty string passes: whether a field may be empty is
// minLength's business. Added to core's ajv through extendSchemas, so core never imports dcat.
import type Ajv2020 from 'ajv/dist/2020';
import { ErrorObject } from 'ajv';
import { vocabulary, VocabularyName } from './vocabularies';

// The codes an error message offers as examples: the common ones, not the first of 400 languages.
const VOCABULARY_EXAMPLES: Record<VocabularyName, string[]> = {
  'data-theme': ['AGRI', 'ECON', 'ENVI', 'GOVE'],
  frequency: ['ANNUAL', 'MONTHLY', 'IRREG', 'UNKNOWN'],
  'file-type': ['CSV', 'JSON', 'XLSX', 'PDF'],
  language: ['ITA', 'ENG', 'DEU', 'FRA'],
  place: ['ITA_FLR', 'ITA_PSA', 'ITA_OTA'],
  licence: ['A21_CCBY40', 'A11_CCO10', 'A31_CCBYSA40'],
};

function messageFor(name: VocabularyName, value: string): string {
  const publisher = name === 'licence' ? 'AgID' : 'EU';
  return `Valore "${value}" non presente nel vocabolario ${publisher} ${name}: usa un codice come ${VOCABULARY_EXAMPLES[name].join(', ')}, …`;
}

export function addVocabularyKeyword(target: Ajv2020): void {
  const inVocabulary = (name: VocabularyName, data: string): boolean => {
    if (data === '' || vocabulary(name).byCode(data)) return true;
    // Ajv adds the paths; the message is the one toFieldErrors reports.
    check.errors = [{ keyword: 'x-vocabulary', message: messageFor(name, data), params: { vocabulary: name, value: data } }];
    return false;
  };
  const check: typeof inVocabulary & { errors?: Partial<ErrorObject>[] } = inVocabulary;
  target.addKeyword({
    keyword: 'x-vocabulary', type: 'string', schemaType: 'string',
    metaSchema: { enum: Object.keys(VOCABULARY_EXAMPLES) },
    validate: check,
  });
}
