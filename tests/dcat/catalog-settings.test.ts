// The catalogue's description (dcat:Catalog) comes from the environment and is checked against
// schemas/dcat_catalogue.json before the portal starts.
import { ConfigError, loadConfig } from '../../server/config';
import { checkCatalogSettings } from '../../server/dcat/catalog-settings';

describe('the DCAT catalogue settings', () => {
  it('default to Regione Toscana as publisher, with its IPA code', () => {
    const { catalog } = loadConfig({});
    expect([catalog.publisherName, catalog.publisherIdentifier]).toEqual(['Regione Toscana', 'r_toscan']);
    expect(() => checkCatalogSettings(catalog)).not.toThrow();
  });

  it('refuse an IPA code with spaces, naming the variable', () => {
    const { catalog } = loadConfig({ CATALOGO_PUBLISHER_IPA: 'codice con spazi' });
    expect(() => checkCatalogSettings(catalog)).toThrow(ConfigError);
    expect(() => checkCatalogSettings(catalog)).toThrow(/CATALOGO_PUBLISHER_IPA: Il codice IPA contiene solo lettere/);
  });

  it('refuse a title longer than a feed can carry', () => {
    const { catalog } = loadConfig({ CATALOGO_CATALOG_TITLE: 'x'.repeat(301) });
    expect(() => checkCatalogSettings(catalog)).toThrow(/CATALOGO_CATALOG_TITLE: Troppo lungo/);
  });
});
