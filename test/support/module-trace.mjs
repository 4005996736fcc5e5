// `node --import ./module-trace.mjs …` writes the URL of every module the process imports, one a
// line, to the file named by MODULE_TRACE_FILE: to check what a command loads.
import { appendFileSync } from 'node:fs';
import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

// Hooks run on a thread of their own, which loads this file again: only the main thread registers.
if (isMainThread) register(import.meta.url);

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (process.env.MODULE_TRACE_FILE) appendFileSync(process.env.MODULE_TRACE_FILE, `${resolved.url}\n`);
  return resolved;
}
