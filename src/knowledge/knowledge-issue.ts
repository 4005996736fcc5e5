/** One thing wrong in the knowledge base, with where to fix it. */
export interface KnowledgeIssue {
  /** The file, relative to the working directory where possible. */
  readonly file: string;
  readonly line?: number | undefined;
  /** The value's path in the file ("requirements[3].source.quote"). */
  readonly path?: string | undefined;
  readonly message: string;
}

/** Formats an issue the way editors and CI logs link it: `file:line: path: message`. */
export function formatIssue(issue: KnowledgeIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`;
  return issue.path ? `${where}: ${issue.path}: ${issue.message}` : `${where}: ${issue.message}`;
}

/** A value's path in a file as the issues name it: "requirements[3].source.quote". */
export function pathLabel(path: ReadonlyArray<string | number>): string {
  return path.reduce<string>((label, part) => (typeof part === 'number' ? `${label}[${part}]` : label ? `${label}.${part}` : part), '');
}
