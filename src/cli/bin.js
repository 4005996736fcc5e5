#!/usr/bin/env node
// The `itkontakt` command. The sources are TypeScript; tsx compiles them on load, so the command
// works right after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../main.ts');
process.exitCode = await main(process.argv.slice(2), process.env);
