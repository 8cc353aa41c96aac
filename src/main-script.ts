// dist/main.cjs: the CLI as one classic script, run through a V8 code cache (see compiled-script.ts).
import {runCli} from './main.js';

void runCli();
