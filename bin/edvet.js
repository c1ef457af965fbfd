#!/usr/bin/env node
// No SIGINT/SIGTERM handler here: the default action ends the run at once, also inside a long synchronous step.
// src/commands/write.ts installs one only while a temp file may exist (it removes the file, then exits 130/143).
import { main } from '../dist/bundle/cli.js';
process.exitCode = await main(process.argv.slice(2));
