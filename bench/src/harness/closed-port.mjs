// A port on 127.0.0.1 that refuses connections: bound by us, then closed.

import { createServer } from 'node:net';

export function closedPort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
