// Starts the ADK API server on 127.0.0.1 with a free port and prints "ADK_READY <url>".
// Usage: node server.mjs <agents-dir>
import {AdkApiServer} from '@google/adk-devtools';

const server = new AdkApiServer({
  host: '127.0.0.1',
  port: 0,
  agentsDir: process.argv[2],
  agentFileLoadOptions: {compile: false, bundle: false},
  logLevel: 'warn',
});
await server.start();
console.log(`ADK_READY ${server.url}`);
process.on('SIGTERM', async () => {
  await server.stop();
  process.exit(0);
});
