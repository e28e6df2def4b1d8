#!/usr/bin/env node
// The `convlab` command. The CLI is TypeScript; tsx compiles it on the fly, so `npx convlab` works
// straight after `npm install` without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
