// The import file's rules as the dashboard explains them, Dify's template, and the server's
// refusal split into one line per row at fault.

export const MAX_IMPORT_MB = 2;
export const MAX_IMPORT_ROWS = 1_000;

/** Dify's annotation template: a header row naming the columns, then one annotation per row. */
export const TEMPLATE_CSV = 'question,answer\r\nWhat are your opening hours?,"We are open 9 to 5, Monday to Friday."\r\nDo you ship abroad?,Yes — to 40 countries.\r\n';

export function templateFile(): Blob {
  return new Blob([`\uFEFF${TEMPLATE_CSV}`], { type: "text/csv" });
}

/** Checks the browser can make before uploading (the server checks everything again). */
export function fileProblem(file: File): string | null {
  if (!file.name.toLowerCase().endsWith(".csv")) return "Choose a .csv file (save the spreadsheet as CSV UTF-8).";
  if (file.size > MAX_IMPORT_MB * 1024 * 1024) return `The file is larger than ${MAX_IMPORT_MB} MB; split it into smaller files.`;
  return null;
}

/**
 * The import error as a summary and one line per row ("row 3: the answer is empty"): the server
 * lists the rows at fault in one sentence, separated by semicolons.
 */
export function importProblems(message: string): { summary: string; rows: string[] } {
  const rows = message.match(/row \d+: [^;]+?(?=; row \d+:|; and \d+ more|\.?$)/g) ?? [];
  if (rows.length === 0) return { summary: message, rows: [] };
  const more = message.match(/; and (\d+) more/);
  const summary = rows.length > 1 || more ? "Nothing was imported. Fix these rows and try again:" : "Nothing was imported. Fix this row and try again:";
  return { summary, rows: more ? [...rows, `…and ${more[1]} more rows`] : rows };
}
