// Command line: `--quick`, `--reps N`, `--scenarios a,b`, `--clients a,b`, `--out FILE`, `--profile`.
// `BENCH_QUICK=1` in the environment is the same as `--quick`.

const USAGE = `usage: npm run bench -- [--quick] [--reps N] [--scenarios import,short,enqueue,e2e,burst,burst-bp,steady,steady-flaky,steady-slow,fail500,slow,down,flaky,flaky20,
                        collector-bodies,collector-ingest]
                        [--clients baseline,ours,segment,posthog] [--out FILE] [--profile]
  --quick      reduced sizes, about three minutes
  --out FILE   also write the report (markdown) to FILE
  --profile    run our client's processes with --cpu-prof (profiles in bench/profiles/)`;

export function parseOptions(argv, env = process.env) {
  const options = { quick: env.BENCH_QUICK === '1' || env.BENCH_QUICK === 'true', reps: undefined, scenarios: undefined, clients: undefined, out: undefined, profile: false, help: false };
  const list = (value) => value.split(',').map((item) => item.trim()).filter(Boolean);
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const [name, inline] = arg.split('=', 2);
    const value = () => inline ?? argv[++i];
    if (name === '--quick') options.quick = true;
    else if (name === '--reps') options.reps = Number.parseInt(value(), 10);
    else if (name === '--scenarios') options.scenarios = list(value());
    else if (name === '--clients') options.clients = list(value());
    else if (name === '--out') options.out = value();
    else if (name === '--profile') options.profile = true;
    else if (name === '--help' || name === '-h') options.help = true;
    else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  if (options.reps !== undefined && !(options.reps >= 1)) throw new Error(`--reps must be >= 1\n${USAGE}`);
  return options;
}

export { USAGE };
