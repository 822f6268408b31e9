import { dcatLicence, DEFAULT_LICENSE_ID, licenses } from '../../server/catalogue/licenses';
import { vocabulary } from '../../server/dcat/vocabularies';

describe('dcatLicence', () => {
  it('maps every licence in the list to an AgID licence with an ADMS type', () => {
    for (const { id, title } of licenses) {
      const dcat = dcatLicence(id);
      const term = vocabulary('licence').byUri(dcat.uri);
      expect({ id, found: Boolean(term) }).toEqual({ id, found: true });
      expect(dcat).toEqual({ id, uri: term!.uri, title, admsType: term!.admsType });
      expect(dcat.admsType).toMatch(/^http:\/\/purl\.org\/adms\/licencetype\//);
    }
  });

  it('gives the default licence CC BY 4.0 as AgID names it', () => {
    expect(dcatLicence(DEFAULT_LICENSE_ID)).toMatchObject({
      uri: 'https://w3id.org/italia/controlled-vocabulary/licences/A21_CCBY40',
      admsType: 'http://purl.org/adms/licencetype/Attribution',
    });
    expect(dcatLicence('CC0-1.0').admsType).toBe('http://purl.org/adms/licencetype/PublicDomain');
    expect(dcatLicence('CC-BY-SA-4.0').admsType).toBe('http://purl.org/adms/licencetype/ViralEffect-ShareAlike');
    expect(dcatLicence('cc-nc').admsType).toBe('http://purl.org/adms/licencetype/NonCommercialUseOnly');
    expect(dcatLicence('notspecified').uri).toBe('https://w3id.org/italia/controlled-vocabulary/licences/C11_Unknown');
  });

  it('throws for an id not in the list', () => {
    expect(() => dcatLicence('nope')).toThrow('nope');
  });
});
