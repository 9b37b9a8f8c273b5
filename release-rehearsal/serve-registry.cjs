// A verdaccio registry for the rehearsal: the config given as argv[2], on 127.0.0.1, a free port (printed as
// `PORT <n>`). Stops on SIGTERM or when its parent goes away (stdin closes).
const { runServer } = require('verdaccio');

runServer(process.argv[2]).then(
  (server) => {
    server.listen(0, '127.0.0.1', () => process.stdout.write(`PORT ${server.address().port}\n`));
    const stop = () => server.close(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.stdin.on('close', stop).resume();
  },
  (error) => {
    process.stderr.write(`serve-registry: ${error && error.stack ? error.stack : error}\n`);
    process.exit(1);
  },
);
