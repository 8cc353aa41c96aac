import {execFileSync} from 'node:child_process';

/** End-to-end tests run the real bundle, so build it first (about a tenth of a second). */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], {stdio: 'inherit'});
}
