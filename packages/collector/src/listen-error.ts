/** The error `listen` gave, reworded to say what to do (the original stays as `cause`). */
export function listenError(error: unknown, host: string, port: number): Error {
  const code = error instanceof Error && 'code' in error ? String(error.code) : undefined;
  const say = (message: string) => new Error(message, { cause: error });
  switch (code) {
    case 'EADDRINUSE':
      return say(`port ${port} on ${host} is in use by another program; stop that program or pick another port (--port N, or --port 0 for any free port)`);
    case 'EACCES':
      return say(`this user may not listen on port ${port} of ${host}; pick a port above 1023 (or --port 0 for any free port)`);
    case 'EADDRNOTAVAIL':
      return say(`${host} is not an address of this machine; leave --host out to listen on 127.0.0.1`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return say(`the host name ${host} does not resolve; use an address such as 127.0.0.1`);
    default:
      return error instanceof Error ? error : new Error(String(error));
  }
}
