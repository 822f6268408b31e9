// The demo catalogue (datasets/): organizations and datasets of the Tuscan administrations, loaded
// through the same actions as the API, into an empty database only. The themes are the EU data themes,
// which every catalogue has (catalogue/themes.ts).
import fs from 'node:fs';
import path from 'node:path';
import { GroupEntity, PackageEntity } from '../catalogue/entities';
import { runAction } from '../core/actions';
import { ActionContext, Services } from '../core/context';
import { siteUser } from './site-user';

export const datasetsDir = path.resolve(__dirname, '..', '..', ...(__dirname.includes(`${path.sep}dist${path.sep}`) ? ['..'] : []), 'datasets');

type Dict = Record<string, any>;

function readJson(file: string): any {
  return JSON.parse(fs.readFileSync(path.join(datasetsDir, file), 'utf8'));
}

async function createResource(ctx: ActionContext, packageId: string, resource: Dict): Promise<void> {
  const { file, ...fields } = resource;
  if (!file) {
    await runAction('resource_create', ctx, { ...fields, package_id: packageId });
    return;
  }
  const source = path.join(datasetsDir, file);
  const upload = await ctx.services.files.receive(fs.createReadStream(source), path.basename(source), '');
  await runAction('resource_create', ctx, { ...fields, package_id: packageId, upload });
}

export async function loadDemo(services: Services): Promise<{ organizations: number; datasets: number }> {
  const ctx: ActionContext = { services, user: await siteUser(services) };
  const organizations: Dict[] = readJson('organizations.json');
  for (const org of organizations) await runAction('organization_create', ctx, org);
  const files = fs.readdirSync(path.join(datasetsDir, 'packages')).filter((f) => f.endsWith('.json')).sort();
  for (const file of files) {
    const { resources = [], ...pkg } = readJson(path.join('packages', file));
    const created = await runAction('package_create', ctx, pkg);
    for (const resource of resources) await createResource(ctx, created.id, resource);
  }
  return { organizations: organizations.length, datasets: files.length };
}

/** Loads the demo only into a database with no organizations and no datasets (the themes' groups are always there). */
export async function seedIfEmpty(services: Services): Promise<{ organizations: number; datasets: number } | null> {
  const orgs = await services.db.getRepository(GroupEntity).countBy({ isOrganization: true });
  const pkgs = await services.db.getRepository(PackageEntity).count();
  if (orgs > 0 || pkgs > 0) return null;
  return loadDemo(services);
}
