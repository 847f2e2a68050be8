// Dify's page envelope for offset-paged console lists: `{page, limit, total, has_more, data}`.

export interface Page {
  page: number;
  limit: number;
}

export const offsetOf = (p: Page) => (p.page - 1) * p.limit;

export function pageOf<T>(p: Page, total: number, data: T[]) {
  return { page: p.page, limit: p.limit, total, has_more: p.page * p.limit < total, data };
}
