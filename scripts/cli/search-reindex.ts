// `npm run -s cli -- search-reindex`: rebuilds the whole search index from the catalogue, a batch of
// datasets per transaction (the server may keep running: each write also indexes its own dataset).
// Progress goes to stderr; the count of datasets indexed to stdout.
import type { CliIo } from '../cli';
import { ActionContext } from '../../server/core/context';
import { inTransaction } from '../../server/db/transaction';
import { reindexAll } from '../../server/search/search-index';

export async function searchReindex({ ctx, io }: { ctx: ActionContext; io: CliIo }): Promise<void> {
  const db = ctx.services.db;
  const started = Date.now();
  const total = await reindexAll(db.manager, (work) => inTransaction(db, work), (done, all) => {
    io.err(`Indicizzati ${done} dataset su ${all} (${Math.round((done / all) * 100)}%)`);
  });
  io.err(`Indice di ricerca ricostruito: ${total} dataset in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  io.out(String(total));
}
