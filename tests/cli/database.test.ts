// migrate and seed-demo on a database that starts empty.
import { runAction } from '../../server/core/actions';
import { closeServices, createServices } from '../../server/services';
import { loadConfig } from '../../server/config';
import { siteUser } from '../../server/seed/site-user';
import { cli, emptyEnvironment } from './support';

describe('the catalogo CLI on an empty database', () => {
  let empty: Awaited<ReturnType<typeof emptyEnvironment>>;
  beforeAll(async () => {
    empty = await emptyEnvironment();
  });
  afterAll(async () => empty.drop());

  it('applies the migrations once, and says how many ran', async () => {
    const first = await cli(empty.env, 'migrate');
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/^Applicat[ae] \d+ migrazion[ei]: /);
    const second = await cli(empty.env, 'migrate');
    expect(second.stderr).toBe('Nessuna migrazione da applicare: il database è aggiornato.');
  });

  it('loads the demo catalogue into an empty database, and only then', async () => {
    const first = await cli(empty.env, 'seed-demo');
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/^Caricato il catalogo dimostrativo: \d+ organizzazioni, \d+ dataset\.$/);
    const services = await createServices(loadConfig(empty.env));
    try {
      const found = await runAction('package_search', { services, user: await siteUser(services) }, { rows: 0 });
      expect(found.count).toBeGreaterThan(0);
    } finally {
      await closeServices(services);
    }
    expect((await cli(empty.env, 'seed-demo')).stderr).toContain('Il catalogo contiene già dati');
  });
});
