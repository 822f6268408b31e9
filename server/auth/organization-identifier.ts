// Who may give an organization its IPA code (codice IPA), and that no two share one. The code says which
// administration the organization is: datasets are published in its namespace (CODE:name) and the
// organization with CATALOGO_PUBLISHER_IPA becomes the catalogue's publisher. So only a sysadmin, who
// checks the claim against IndicePA, sets or changes it, even when it is still empty: an empty code is
// exactly when an organization admin could otherwise claim another administration's.
import { Not } from 'typeorm';
import { GroupEntity } from '../catalogue/entities';
import { ActionContext } from '../core/context';
import { ValidationError } from '../core/errors';

/** 409 on `identifier` if the caller may not set this code, or another organization has it. */
export async function requireIdentifierAllowed(ctx: ActionContext, code: string, existing?: GroupEntity): Promise<void> {
  if (code === (existing?.identifier ?? '')) return;
  if (!ctx.user?.sysadmin) {
    throw ValidationError.field('identifier', "Solo un amministratore di sistema può impostare o cambiare il codice IPA dell'organizzazione");
  }
  if (!code) return;
  const repo = ctx.services.db.getRepository(GroupEntity);
  const holder = await repo.findOneBy(existing ? { identifier: code, id: Not(existing.id) } : { identifier: code });
  if (holder) throw ValidationError.field('identifier', `Il codice IPA ${code} è già di «${holder.title || holder.name}»: ogni amministrazione ha una sola organizzazione`);
}
