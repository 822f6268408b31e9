// The catalogue most tests/files tests start from: the API world (tests/api/world.ts) and one dataset of
// orgA, made in beforeAll and closed in afterAll. Read the fields inside tests, once beforeAll has run.
import { startCatalogue, TestCatalogue } from '../support/harness';
import { buildWorld, seedDataset, World } from '../api/world';

export interface FilesSetup {
  cat: TestCatalogue;
  world: World;
  /** package_create's answer for the dataset. */
  ds: any;
}

export function catalogueWithDataset(env: Record<string, string> = {}, datasetFields: Record<string, unknown> = {}): FilesSetup {
  const setup = {} as FilesSetup;
  beforeAll(async () => {
    setup.cat = await startCatalogue(env);
    setup.world = await buildWorld(setup.cat);
    setup.ds = await seedDataset(setup.cat, setup.world.orgA.name, datasetFields);
  });
  afterAll(async () => setup.cat?.close());
  return setup;
}
