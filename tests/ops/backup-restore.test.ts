// A backup restored into an empty place serves the same catalogue: every dataset as package_show
// gives it, the same activity, the same bytes for every file version, and the same tokens.
import { cli, envOf } from '../cli/support';
import { loggedInAgent } from '../pages/helpers';
import { callAction } from '../support/factories';
import { emptyPlace, EmptyPlace, startCatalogue, TestCatalogue } from '../support/harness';
import { archiveFolder, buildRichCatalogue, catalogueOn, envOfPlace, RichCatalogue, servedCatalogue } from './backup-support';

let original: TestCatalogue;
let rich: RichCatalogue;
const archives = archiveFolder();

const sessions = async (cat: TestCatalogue) => Number((await cat.services.db.query('SELECT count(*) AS n FROM http_session'))[0].n);

beforeAll(async () => {
  original = await startCatalogue();
  rich = await buildRichCatalogue(original);
  await loggedInAgent(original, rich.member);
}, 60_000);
afterAll(async () => {
  await original?.close();
  archives.remove();
});

describe('backup and restore', () => {
  let place: EmptyPlace;
  let restored: TestCatalogue;
  afterEach(async () => {
    await restored?.close();
    await place?.drop();
  });

  it.each(['catalogo.tar.gz', 'catalogo.tar'])('bring back the same catalogue (%s)', async (name) => {
    const archive = archives.file(name);
    const backup = await cli(envOf(original), 'backup', archive);
    expect(backup.stderr).toContain('Backup scritto');
    expect(backup.code).toBe(0);
    place = await emptyPlace();
    const restore = await cli(envOfPlace(place), 'restore', archive);
    expect(restore.stderr).toContain('Ripristino completato: 3 dataset');
    expect(restore.code).toBe(0);

    restored = await catalogueOn(place);
    const before = await servedCatalogue(original, rich.datasetIds, rich.sysadmin.token);
    const after = await servedCatalogue(restored, rich.datasetIds, rich.sysadmin.token);
    expect(Object.keys(before)).toHaveLength(3);
    expect(after).toEqual(before);
    // A token made before the backup still authenticates, with its user's rights.
    await callAction(restored, 'package_show', { id: rich.privateDatasetId }, rich.member.token).expect(200);
    await callAction(restored, 'package_show', { id: rich.privateDatasetId }).expect(404);
    // Sessions stay behind: a stolen archive carries no live login.
    expect(await sessions(original)).toBeGreaterThan(0);
    expect(await sessions(restored)).toBe(0);
  }, 60_000);
});
