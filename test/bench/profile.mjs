// Summarises a V8 .cpuprofile (from `node --cpu-prof`): the functions with the
// most self time, and self time grouped by source file.
//   node test/bench/profile.mjs FILE.cpuprofile [TOP]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Returns a text table of the hottest functions by self time (and by file). */
export function summariseProfile(profile, { top = 25, root = '', lines = 6 } = {}) {
  const { nodes, samples, timeDeltas } = profile;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const self = new Map(); // node id -> microseconds
  for (let i = 0; i < samples.length; i++) self.set(samples[i], (self.get(samples[i]) ?? 0) + (timeDeltas[i] ?? 0));
  let total = 0;
  const fns = new Map(); // "name file:line" -> us
  const files = new Map();
  for (const [id, us] of self) {
    const n = byId.get(id);
    total += us;
    const cf = n.callFrame;
    let url = cf.url.replace(/^file:\/\//, '');
    if (root && url.startsWith(root)) url = url.slice(root.length + 1);
    const name = cf.functionName || (url ? '(anonymous)' : `(${cf.functionName || 'native'})`);
    const where = url ? `${url}:${cf.lineNumber + 1}` : '';
    const key = `${name}  ${where}`.trim();
    fns.set(key, (fns.get(key) ?? 0) + us);
    const fk = url || name;
    files.set(fk, (files.get(fk) ?? 0) + us);
  }
  const pct = (us) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
  const ms = (us) => `${(us / 1000).toFixed(0).padStart(6)} ms`;
  const out = [`total sampled: ${(total / 1000).toFixed(0)} ms`, '', 'self time by function:'];
  for (const [k, us] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, top)) out.push(`${ms(us)} ${pct(us)}  ${k}`);
  // Hottest source lines of the hottest functions (V8 records ticks per line).
  const lineTicks = new Map(); // key -> Map(line -> ticks)
  for (const n of nodes) {
    if (!n.positionTicks) continue;
    const cf = n.callFrame;
    let url = cf.url.replace(/^file:\/\//, '');
    if (root && url.startsWith(root)) url = url.slice(root.length + 1);
    const key = `${cf.functionName || '(anonymous)'}  ${url}:${cf.lineNumber + 1}`;
    let m = lineTicks.get(key);
    if (!m) lineTicks.set(key, (m = new Map()));
    for (const t of n.positionTicks) m.set(t.line, (m.get(t.line) ?? 0) + t.ticks);
  }
  const hot = [...fns].sort((a, b) => b[1] - a[1]).slice(0, lines).map(([k]) => k);
  if (lines > 0) out.push('', 'hottest lines of the hottest functions (share of the function\'s ticks):');
  for (const k of hot) {
    const m = lineTicks.get(k);
    if (!m) continue;
    const total = [...m.values()].reduce((a, b) => a + b, 0);
    const top = [...m].sort((a, b) => b[1] - a[1]).slice(0, 4);
    out.push(`  ${k}: ${top.map(([line, t]) => `line ${line} ${((100 * t) / total).toFixed(0)} %`).join(', ')}`);
  }
  out.push('', 'self time by file:');
  for (const [k, us] of [...files].sort((a, b) => b[1] - a[1]).slice(0, 15)) out.push(`${ms(us)} ${pct(us)}  ${k}`);
  return out.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node test/bench/profile.mjs FILE.cpuprofile [TOP]');
    process.exit(2);
  }
  console.log(summariseProfile(JSON.parse(readFileSync(file, 'utf8')), { top: Number(top) || 25, root: process.cwd() }));
}
