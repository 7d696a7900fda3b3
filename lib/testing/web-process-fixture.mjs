// A stand-in web process for workers/cluster.test.ts: answers with its pid, crashes at start, or hangs on SIGTERM.
import { createServer } from 'node:http';

if (process.env.WEB_FIXTURE_CRASH === '1') process.exit(3);
const server = createServer((_request, response) => response.end(String(process.pid)));
server.listen(Number(process.env.WEB_FIXTURE_PORT), '127.0.0.1');
if (process.env.WEB_FIXTURE_IGNORE_SIGTERM === '1') process.on('SIGTERM', () => undefined);
else process.on('SIGTERM', () => server.close(() => process.exit(0)));
