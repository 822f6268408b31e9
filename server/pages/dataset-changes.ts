// One change of a dataset in full (/dataset/changes/ACTIVITY_ID, CKAN's URL): every changed field in
// words, the description word by word, and the whole metadata diff as activity_diff gives it.
import { Request, Response } from 'express';
import { wordDiff } from '../activity/text-diff';
import { runAction } from '../core/actions';
import { Services } from '../core/context';
import { NotFound } from '../core/errors';
import { activityLabel, changeSentences } from './activity-changes';
import { datasetCrumbs } from './dataset-pages';
import { actionContext, page, renderPage, t } from './page';

/** activity_diff, or null when there is nothing to compare with (a creation, a version not kept). */
async function diffOrNothing(ctx: ReturnType<typeof actionContext>, id: string): Promise<any | null> {
  try {
    return await runAction('activity_diff', ctx, { id, object_type: 'package', diff_type: 'unified' });
  } catch (error) {
    if (error instanceof NotFound) return null;
    throw error;
  }
}

/** The unified diff's lines, each marked as removed, added, a hunk's heading or context. */
function diffLines(diff: string) {
  return diff.split('\n').slice(2).map((line) => ({
    text: line,
    kind: line.startsWith('@@') ? 'hunk' : line.startsWith('-') ? 'del' : line.startsWith('+') ? 'ins' : 'same',
  }));
}

function changesView(req: Request, diff: any) {
  if (!diff) return { unavailable: true };
  const sentences = changeSentences(req.lang ?? 'it', diff.changes);
  const notes = sentences.find((s) => s.notes)?.notes;
  return { changes: sentences, notes: notes ? wordDiff(notes.old, notes.new) : null, diffLines: diffLines(diff.diff) };
}

export function datasetChanges(services: Services) {
  return page(async (req: Request, res: Response) => {
    const ctx = actionContext(services, req);
    const id = String(req.params.id);
    // Longer than an activity id: no such activity (activity_show would call it bad input).
    if (id.length > 36) throw new NotFound(t(req, 'change.not_found'));
    const activity = await runAction('activity_show', ctx, { id });
    const dataset = await runAction('package_show', ctx, { id: activity.object_id });
    const title = t(req, 'changes.title', { title: dataset.title || dataset.name });
    renderPage(req, res, 'dataset/changes', {
      title,
      breadcrumbs: datasetCrumbs(req, dataset, [
        { label: t(req, 'dataset.activity'), href: `/dataset/activity/${encodeURIComponent(dataset.name)}` }, { label: title },
      ]),
      dataset,
      activity,
      label: activityLabel(req.lang ?? 'it', activity.activity_type),
      ...changesView(req, await diffOrNothing(ctx, activity.id)),
    });
  });
}
