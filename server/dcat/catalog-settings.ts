// The catalogue's own description comes from the environment: checked at start against
// schemas/dcat_catalogue.json, so a feed can never be published with an empty title or publisher.
import { CatalogSettings, ConfigError } from '../config';
import { compileSchema, extendSchemas, toFieldErrors } from '../core/schemas';
import { addVocabularyKeyword } from './vocabulary-keyword';

const VARIABLES: Record<string, string> = {
  title: 'CATALOGO_CATALOG_TITLE', description: 'CATALOGO_CATALOG_DESCRIPTION',
  'publisher.name': 'CATALOGO_PUBLISHER_NAME', 'publisher.identifier': 'CATALOGO_PUBLISHER_IPA',
};

export function checkCatalogSettings(settings: CatalogSettings): void {
  // This runs before the actions are registered (server/actions.ts): the keyword is added here too.
  extendSchemas(addVocabularyKeyword);
  const validate = compileSchema('dcat_catalogue.json');
  const catalogue = {
    title: settings.title, description: settings.description,
    publisher: { name: settings.publisherName, identifier: settings.publisherIdentifier },
  };
  if (validate(catalogue)) return;
  const problems = Object.entries(toFieldErrors(validate.errors)).map(([field, messages]) => `${VARIABLES[field] ?? field}: ${messages.join(' ')}`);
  throw new ConfigError(`descrizione del catalogo DCAT non valida: ${problems.join('; ')}`);
}
