import { LineCounter, parseDocument, isNode, type Document } from 'yaml';

/** A YAML file parsed safely, able to tell the line of any value in it. */
export interface YamlFile {
  readonly path: string;
  readonly value: unknown;
  /** The 1-based line of the value at `path` (or of its nearest existing parent). */
  lineOf(path: ReadonlyArray<string | number>): number | undefined;
}

export interface YamlError {
  readonly path: string;
  readonly line?: number | undefined;
  readonly message: string;
}

// A knowledge file is plain data: a few aliases are fine, an alias bomb is not.
const MAX_ALIASES = 100;

/**
 * Parses YAML text as plain data: the core schema only (custom tags such as `!!js/function` are
 * errors, not code), duplicate keys rejected, aliases bounded.
 */
export function parseYamlFile(path: string, text: string): YamlFile | YamlError {
  const lineCounter = new LineCounter();
  const document: Document = parseDocument(text, {
    lineCounter,
    schema: 'core',
    uniqueKeys: true,
    strict: true,
    prettyErrors: false,
    customTags: [],
  });
  const problem = document.errors[0] ?? document.warnings[0];
  if (problem) {
    const line = problem.linePos?.[0]?.line ?? lineCounter.linePos(problem.pos[0]).line;
    return { path, line, message: problem.message.split('\n')[0] ?? 'ogiltig YAML' };
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    return { path, message: `YAML kunde inte läsas: ${(error as Error).message}` };
  }
  return {
    path,
    value,
    lineOf(valuePath) {
      for (let depth = valuePath.length; depth >= 0; depth -= 1) {
        const node = document.getIn(valuePath.slice(0, depth), true);
        if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
      }
      return undefined;
    },
  };
}

export function isYamlError(result: YamlFile | YamlError): result is YamlError {
  return !('value' in result);
}
