// Paging helpers shared by the list pages: numbered pages (search, organizations) and the
// offset-based "older / newer" links of the activity stream (CKAN's own choice there).
import { Request } from 'express';
import { t } from './page';

export interface Pagination {
  label: string;
  previous: string | null;
  next: string | null;
}

/** Numbered pages; null when everything fits on one page, so the template shows nothing. */
export function numberedPagination(req: Request, count: number, current: number, pageSize: number, url: (page: number) => string): Pagination | null {
  const pages = Math.max(1, Math.ceil(count / pageSize));
  if (pages === 1) return null;
  return {
    label: t(req, 'pagination.page', { page: current, pages }),
    previous: current > 1 ? url(current - 1) : null,
    next: current < pages ? url(current + 1) : null,
  };
}

const MAX_OFFSET = 1_000_000;

/** ?offset= as a non-negative integer; anything else (a hand-edited URL) starts from the top. */
export function offsetParam(value: unknown): number {
  const n = Number.parseInt(String(value ?? '0'), 10);
  return Number.isFinite(n) && n >= 0 && n <= MAX_OFFSET ? n : 0;
}
