/** Production entry: migrations, then serve. No demo data is ever created here. */
import { bootGateway } from './boot.js';
import { loadGatewayConfig } from './paths.js';

const running = await bootGateway({ config: loadGatewayConfig() });
console.log(`PAMS gateway listening on ${running.url} (GraphQL at ${running.url}/graphql)`);
