import { createServer } from 'node:http';
const server = createServer({ keepAliveTimeout: 30000 }, (req, res) => { const c = []; req.on('data', (d) => c.push(d)); req.on('end', () => { JSON.parse(Buffer.concat(c)); res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}'); }); });
server.listen(0, '127.0.0.1', () => process.send(server.address().port));
