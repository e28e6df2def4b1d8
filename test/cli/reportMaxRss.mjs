// Loaded with `node --import` ahead of the CLI by runCliMeasured (helpers.ts): at exit, writes the
// process's peak resident memory (KiB, worker threads included) and its age in milliseconds to the
// file named by CONVLAB_MEASURE_FILE, so a test can bound what one command costs.
import { writeFileSync } from 'node:fs';

const file = process.env.CONVLAB_MEASURE_FILE;
if (file) {
  process.on('exit', () => {
    const measure = { maxRssKiB: process.resourceUsage().maxRSS, ms: performance.now() };
    writeFileSync(file, JSON.stringify(measure));
  });
}
