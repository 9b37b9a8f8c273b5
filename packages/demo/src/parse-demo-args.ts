/** What `npm run demo -- …` asked for. */
export type DemoArgs = { help: true } | { help: false; serve: boolean; port: number };

export const demoUsage = [
  'usage: npm run demo [-- --serve] [-- --port N]',
  '',
  'Plays a scripted Codex session through the real client into an embedded local collector on 127.0.0.1, then',
  'prints the delivery report and the events received per type; exits non-zero when anything is missing or invalid.',
  '',
  '  --serve     keep the collector running afterwards and print the URL of its live page (Ctrl-C stops it)',
  '  --port N    the collector\'s port (default: any free port)',
  '  -h, --help  this text',
].join('\n');

/** Parses the demo's arguments; throws a `TypeError` that names the problem and the usage. */
export function parseDemoArgs(argv: readonly string[]): DemoArgs {
  let serve = false;
  let port = 0;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    if (arg === '--help' || arg === '-h') return { help: true };
    if (arg === '--serve') serve = true;
    else if (arg === '--port') port = portOf(argv[++index]);
    else if (arg?.startsWith('--port=')) port = portOf(arg.slice('--port='.length));
    else throw new TypeError(`unknown argument ${arg}\n${demoUsage}`);
  }
  return { help: false, serve, port };
}

function portOf(text: string | undefined): number {
  const port = text === undefined || !/^\d+$/.test(text) ? Number.NaN : Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new TypeError(`--port takes a port number from 0 to 65535\n${demoUsage}`);
  return port;
}
