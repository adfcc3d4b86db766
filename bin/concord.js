#!/usr/bin/env node
// Thin launcher: the CLI is compiled from src/cli by `npm install` (the prepare script).
import { run } from '../dist/src/cli/main.js';
run(process.argv).then((code) => { process.exitCode = code; });
