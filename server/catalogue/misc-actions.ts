// Small read actions: status, licences, tags.
import { tagId } from './present';
import { defineAction, getAction, publicAction } from '../core/actions';
import { NotFound } from '../core/errors';
import { likeEscaped } from '../search/sql-filter';
import { PackageEntity, PackageTagEntity } from './entities';
import { licenses } from './licenses';
import { ANONYMOUS, datasetScope } from './visibility';

const VERSION = '0.1.0';

export const statusShow = defineAction({
  name: 'status_show', kind: 'read', schema: null, auth: publicAction,
  help: 'Versione e configurazione pubblica del portale.',
  run: async (ctx) => ({
    site_title: 'catalogo - Dati aperti della Toscana',
    site_url: ctx.services.config.siteUrl,
    site_description: 'Il portale dei dati aperti di Regione Toscana e dei comuni di Firenze, Prato, Sesto Fiorentino, Pistoia, Lucca e della Provincia di Massa-Carrara.',
    locale_default: 'it',
    ckan_version: '2.10.0',
    catalogo_version: VERSION,
    extensions: [],
  }),
});

export const licenseList = defineAction({
  name: 'license_list', kind: 'read', schema: null, auth: publicAction,
  help: 'Le licenze disponibili; la prima (CC-BY-4.0) è quella predefinita.',
  run: async () => licenses,
});

export const tagList = defineAction({
  name: 'tag_list', kind: 'read', schema: 'tag_list.json', auth: publicAction,
  help: 'I tag usati dai dataset pubblici (query filtra per prefisso).',
  run: async (ctx, input: { query?: string; all_fields?: boolean }) => {
    const listed = datasetScope('p', ANONYMOUS);
    const qb = ctx.services.db.getRepository(PackageTagEntity).createQueryBuilder('t')
      .innerJoin(PackageEntity, 'p', 'p.id = t.package_id')
      .select('t.tag', 'name').addSelect('COUNT(*)', 'count')
      .where(listed.where, listed.params)
      .groupBy('t.tag').orderBy('t.tag', 'ASC');
    if (input.query) qb.andWhere("LOWER(t.tag) LIKE :prefix ESCAPE '\\'", { prefix: `${likeEscaped(input.query)}%` });
    const rows: { name: string; count: string }[] = await qb.getRawMany();
    if (!input.all_fields) return rows.map((r) => r.name);
    return rows.map((r) => ({ id: tagId(r.name), name: r.name, display_name: r.name, count: Number(r.count), vocabulary_id: null, state: 'active' }));
  },
});

export const helpShow = defineAction({
  name: 'help_show', kind: 'read', schema: 'help_show.json', auth: publicAction,
  help: "La descrizione di un'azione dell'API (il link \"help\" di ogni risposta).",
  run: async (_ctx, input: { name: string }) => {
    const action = getAction(input.name);
    if (!action) throw new NotFound(`Azione sconosciuta: ${input.name}`);
    return `${action.name} (${action.kind === 'read' ? 'GET o POST' : 'POST'}): ${action.help} Vedi /api/docs.`;
  },
});

export const miscActions = [statusShow, licenseList, tagList, helpShow];
