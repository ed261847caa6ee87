// Composes subgraph SDL files with Apollo's own composer, as a router's build would.
// Usage: node compose.mjs <out-dir> <name>=<sdl-file> ...
// Writes <out-dir>/supergraph.graphql and <out-dir>/api-schema.graphql; exits 1 with every
// composition error on stderr.
import { composeServices } from '@apollo/composition';
import { parse, printSchema } from 'graphql';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [outDir, ...subgraphArgs] = process.argv.slice(2);
const services = subgraphArgs.map((arg) => {
  const [name, file] = arg.split('=');
  return { name, url: `http://${name}.invalid/graphql`, typeDefs: parse(readFileSync(file, 'utf8')) };
});

const result = composeServices(services);
if (result.errors && result.errors.length > 0) {
  for (const error of result.errors) {
    console.error(`${error.extensions?.code ?? 'ERROR'}: ${error.message}`);
  }
  process.exit(1);
}
writeFileSync(join(outDir, 'supergraph.graphql'), result.supergraphSdl);
writeFileSync(join(outDir, 'api-schema.graphql'), printSchema(result.schema.toAPISchema().toGraphQLJSSchema()));
console.log(`composed ${services.map((s) => s.name).join(', ')}`);
