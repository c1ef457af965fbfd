// Loaded with `node --import test/bench/rss-probe.mjs ...` by test/bench/run.mjs when GNU
// /usr/bin/time is not available: on exit, appends the process's peak resident set
// (process.resourceUsage().maxRSS, kilobytes: the kernel's ru_maxrss), then its user and
// system CPU seconds, to the file named by EDVET_BENCH_RSS_FILE. Loads nothing else and
// changes nothing in the run.
import { appendFileSync } from 'node:fs';

const file = process.env.EDVET_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    appendFileSync(file, `${u.maxRSS} ${u.userCPUTime / 1e6} ${u.systemCPUTime / 1e6}\n`);
  });
}
