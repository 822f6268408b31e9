// Two portals on one machine: a remote catalogue listening on 127.0.0.1 (its site URL its real address,
// so that its feeds' page links work) and the local one that harvests it.
import net from 'node:net';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { runAction } from '../../server/core/actions';
import { HarvestJobEntity, HarvestObjectEntity } from '../../server/harvest/entities';
import { nowIso } from '../../server/db/columns';
import { inTransaction } from '../../server/db/transaction';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { makeOrg, sysadminContext, unique } from '../support/factories';
import { ActionContext } from '../../server/core/context';
import { stopRunners, testRunner, waitFor } from '../jobs/support';

export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export interface RemotePortal {
  cat: TestCatalogue;
  url: string;
  close(): Promise<void>;
}

export async function startRemote(env: Record<string, string> = {}): Promise<RemotePortal> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const cat = await startCatalogue({ CATALOGO_SITE_URL: url, ...env });
  const server: Server = await new Promise((resolve) => {
    const s = cat.app.listen(port, '127.0.0.1', () => resolve(s));
  });
  return {
    cat, url,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await cat.close();
    },
  };
}

/** The local portal, allowed to reach 127.0.0.1, with a job runner on the harvest queue. */
export async function startLocal(): Promise<TestCatalogue> {
  const cat = await startCatalogue({ CATALOGO_HARVEST_ALLOW_PRIVATE: 'true' });
  // The site user first: the runner and the test would otherwise both create it (site-user.ts has no retry).
  await sysadminContext(cat);
  testRunner(cat.services, { queues: ['harvest'] });
  return cat;
}

/** A portal that listens on 127.0.0.1 (others harvest it) and harvests too (allowed to reach 127.0.0.1). */
export async function startHarvestingRemote(): Promise<RemotePortal> {
  const portal = await startRemote({ CATALOGO_HARVEST_ALLOW_PRIVATE: 'true' });
  await sysadminContext(portal.cat);
  testRunner(portal.cat.services, { queues: ['harvest'] });
  return portal;
}

/** harvest_job_create, then the job's end (ckanext-harvest's Finished): its harvest_job_show. */
export async function harvestNow(cat: TestCatalogue, sourceId: string): Promise<any> {
  const ctx = await sysadminContext(cat);
  const job = await runAction<{ id: string }>('harvest_job_create', ctx, { source_id: sourceId });
  await waitFor(`harvest job ${job.id}`, async () => {
    const row = await cat.services.db.getRepository(HarvestJobEntity).findOneBy({ id: job.id });
    return row?.status === 'Finished';
  }, 30_000);
  return runAction('harvest_job_show', ctx, { id: job.id });
}

/** A source of `org` (made by the site sysadmin); its URL is never fetched. */
export async function seedSource(cat: TestCatalogue, org: string): Promise<{ id: string; name: string }> {
  return runAction('harvest_source_create', await sysadminContext(cat), {
    name: unique('fonte'), title: 'Fonte di prova', url: 'https://dati.example.org/', source_type: 'ckan', owner_org: org,
  });
}

/** Marks a dataset as harvested from a new source of its organization, as a run would. */
export async function markHarvested(cat: TestCatalogue, dataset: { id: string; owner_org: string }): Promise<void> {
  const source = await seedSource(cat, dataset.owner_org);
  await inTransaction(cat.services.db, (m) => m.getRepository(HarvestObjectEntity).insert({
    id: randomUUID(), sourceId: source.id, guid: `remoto-${dataset.id}`, packageId: dataset.id, contentHash: 'x', current: true,
    lastJobId: null, lastAction: 'added', state: 'active', error: null, updated: nowIso(),
  } as never));
}

/** A remote and a local portal, an organization on each, and a `ckan` source of the local one for the remote. */
export interface CkanPair {
  remote: RemotePortal;
  local: TestCatalogue;
  remoteCtx: ActionContext;
  localCtx: ActionContext;
  remoteOrg: { id: string; name: string };
  localOrg: { id: string; name: string };
  sourceId: string;
  /** The local copy of a remote dataset (by its remote name), found by the remote id it keeps. */
  harvestedCopy(remoteName: string): Promise<any>;
  close(): Promise<void>;
}

export async function ckanPair(): Promise<CkanPair> {
  const remote = await startRemote();
  const local = await startLocal();
  const [remoteCtx, localCtx] = [await sysadminContext(remote.cat), await sysadminContext(local)];
  const [remoteOrg, localOrg] = [await makeOrg(remote.cat), await makeOrg(local)];
  const source = await runAction<{ id: string }>('harvest_source_create', localCtx, {
    name: unique('fonte'), title: 'Portale remoto', url: remote.url, source_type: 'ckan', owner_org: localOrg.name,
  });
  return {
    remote, local, remoteCtx, localCtx, remoteOrg, localOrg, sourceId: source.id,
    async harvestedCopy(remoteName) {
      const original = await runAction<any>('package_show', remoteCtx, { id: remoteName });
      return runAction<any>('package_show', localCtx, { id: original.id });
    },
    async close() {
      await stopRunners();
      await local.close();
      await remote.close();
    },
  };
}
