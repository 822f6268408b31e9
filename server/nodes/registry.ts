// The instance registry: every process that keeps state outside the database (a server's temporary
// files and files not yet committed, a worker's job leases) registers a row in `node` and keeps its
// heartbeat fresh, so that any other process can tell whether it is still there (isNodeAlive).
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { DataSource, LessThan } from 'typeorm';
import { nowIso } from '../db/columns';
import { serializedWrite } from '../db/transaction';
import { NodeEntity } from './entities';

export const HEARTBEAT_MS = 15_000;
/** A heartbeat older than this (four missed beats) means the node is gone. */
export const STALE_MS = 4 * HEARTBEAT_MS;

/**
 * This machine, as far as process ids mean anything: the host name, plus the pid namespace where there is
 * one (two containers with host networking share a host name, not their pids).
 */
export function thisHost(): string {
  let namespace = '';
  try {
    namespace = fs.readlinkSync('/proc/self/ns/pid');
  } catch {
    /* not Linux: the host name alone */
  }
  return namespace ? `${os.hostname()} ${namespace}` : os.hostname();
}

const host = thisHost();
/** Nodes of this process that are running (several in tests, one per set of services). */
const localNodes = new Set<string>();

/** True while process `pid` exists on this host. */
export function processRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // running, under another user
  }
}

/**
 * Alive: a fresh heartbeat and, on this host, a process still running. A node killed with kill -9 is
 * therefore dead at once for a restart on the same host; elsewhere it is dead once its heartbeat is stale.
 */
export function isNodeAlive(row: Pick<NodeEntity, 'id' | 'hostname' | 'pid' | 'heartbeat'>, now = Date.now()): boolean {
  if (now - row.heartbeat > STALE_MS) return false;
  if (row.hostname !== host) return true;
  // Our own pid under another id is an earlier process that had it (a container's pid 1 after a restart).
  if (row.pid === process.pid) return localNodes.has(row.id);
  return processRunning(row.pid);
}

/** This process in the registry: registered on first need, its heartbeat refreshed until stop(). */
export class ThisNode {
  readonly id = randomUUID();
  private registration: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private role = 'process';

  constructor(private readonly db: DataSource) {}

  /** Registers this process (once: later calls wait for the first) and starts its heartbeat. */
  register(role = 'process'): Promise<void> {
    this.registration ??= this.start(role);
    return this.registration;
  }

  private start(role: string): Promise<void> {
    this.role = role;
    localNodes.add(this.id);
    return this.insert().then(() => {
      this.timer = setInterval(() => void this.beat().catch(() => undefined), HEARTBEAT_MS);
      this.timer.unref();
    }, (error) => {
      localNodes.delete(this.id);
      this.registration = null; // the database was unreachable: try again on the next need
      throw error;
    });
  }

  private insert(): Promise<unknown> {
    const row: NodeEntity = { id: this.id, hostname: host, pid: process.pid, role: this.role, started: nowIso(), heartbeat: Date.now() };
    return serializedWrite(this.db, (writer) => writer.getRepository(NodeEntity).insert(row));
  }

  private async beat(): Promise<void> {
    const updated = await serializedWrite(this.db, (writer) => writer.getRepository(NodeEntity).update({ id: this.id }, { heartbeat: Date.now() }));
    // Taken for dead (a long pause) and removed: come back, so that what we do from now on is protected.
    if (!updated.affected) await this.insert();
  }

  /** Leaves the registry: what this node left behind is any sweep's to remove. */
  async stop(): Promise<void> {
    const registered = await this.registration?.then(() => true, () => false);
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    localNodes.delete(this.id);
    if (registered && this.db.isInitialized) {
      await serializedWrite(this.db, (writer) => writer.getRepository(NodeEntity).delete({ id: this.id })).catch(() => undefined);
    }
    this.registration = null;
  }
}

/** Rows of nodes whose heartbeat stopped over a day ago: kept that long so that operators can see crashes. */
export async function pruneNodes(db: DataSource, now = Date.now()): Promise<void> {
  await serializedWrite(db, (writer) => writer.getRepository(NodeEntity).delete({ heartbeat: LessThan(now - 24 * 60 * 60 * 1000) }));
}

/** The registered nodes, alive and dead (this process's own nodes are alive). */
export async function nodeLiveness(db: DataSource, now = Date.now()): Promise<{ alive: Set<string>; dead: string[] }> {
  const alive = new Set<string>();
  const dead: string[] = [];
  // One check per row: a check may ask the kernel whether a process runs.
  for (const row of await db.getRepository(NodeEntity).find()) {
    if (isNodeAlive(row, now)) alive.add(row.id);
    else dead.push(row.id);
  }
  return { alive, dead };
}
