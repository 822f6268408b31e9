// package.has_distribution, recomputed whenever a dataset's resources change (resource actions and
// package_create/update), so the feeds can filter on an index instead of a subquery per dataset.
import { EntityManager } from 'typeorm';
import { PackageEntity, ResourceEntity } from './entities';

export async function refreshDistributionFlag(manager: EntityManager, packageId: string): Promise<void> {
  const count = await manager.getRepository(ResourceEntity).countBy({ packageId, state: 'active' });
  await manager.getRepository(PackageEntity).update({ id: packageId }, { hasDistribution: count > 0 });
}
