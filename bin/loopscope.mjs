#!/usr/bin/env node
// The `loopscope` command. Node cannot run TypeScript by itself (v20), so register tsx first,
// then hand over to bin/cli.ts, which runs the same engine (src/runtime/engine.ts) as the page,
// on a worker thread, so that this one is free to take Ctrl-C.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./cli.ts');
process.exitCode = await main(process.argv.slice(2), { thread: true });
