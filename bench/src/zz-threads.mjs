import { readFileSync, readdirSync } from 'node:fs';
import { fork } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
const which = process.argv[2];
const opts = process.argv[3] ? JSON.parse(process.argv[3]) : {};
const { createServer } = await import('node:http');
// sink in a child process
const sink = fork(new URL('./zz-sink.mjs', import.meta.url));
const port = await new Promise((r) => sink.once('message', r));
const url = `http://127.0.0.1:${port}/backend-api/`;
let adapter;
if (which === 'ours') { process.env.BENCH_OURS_OPTIONS = JSON.stringify(opts); adapter = await (await import('./clients/ours-adapter.mjs')).createAdapter({ sinkUrl: url }); }
else adapter = await (await import('./clients/baseline-adapter.mjs')).createAdapter({ sinkUrl: url });
const threads = () => Object.fromEntries(readdirSync('/proc/self/task').map((t) => { const s = readFileSync(`/proc/self/task/${t}/stat`, 'utf8'); const name = s.slice(s.indexOf('(') + 1, s.lastIndexOf(')')); const f = s.slice(s.lastIndexOf(')') + 2).split(' '); return [`${t}:${name}`, (+f[11] + +f[12]) * 10]; }));
const before = threads(); const cpu0 = process.cpuUsage();
const rate = 2000, events = 20000; let seq = 0; const start = Date.now();
while (seq < events) { const due = Math.min(events, Math.floor(((Date.now() - start) * rate) / 1000) + 1); for (; seq < due; seq++) adapter.call(adapter.makeCall(seq)); if (seq < events) await sleep(5); }
await adapter.shutdown(15000);
const cpu = process.cpuUsage(cpu0); const after = threads();
console.log(which, JSON.stringify(opts), 'user', (cpu.user / 1000).toFixed(0), 'sys', (cpu.system / 1000).toFixed(0));
for (const [k, v] of Object.entries(after)) { const d = v - (before[k] ?? 0); if (d > 0) console.log('   ', k, d, 'ms'); }
sink.kill(); process.exit(0);
