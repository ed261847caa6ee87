// A federated gateway in front of the running hub and a stub labour subgraph.
// Usage: HUB_TOKEN=<bearer token> node gateway.mjs <hub-graphql-url>
// Prints GATEWAY_URL=<url> when ready; the caller's Authorization, X-End-User and X-Purpose go on to the hub.
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource } from '@apollo/gateway';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { readFileSync } from 'node:fs';

const hubUrl = process.argv[2];
const here = new URL('.', import.meta.url);

// The labour ministry's stand-in: resolves a Person by the hub's id, as the real one would.
const labour = new ApolloServer({
  schema: buildSubgraphSchema({
    typeDefs: parse(readFileSync(new URL('subgraphs/labour.graphql', here), 'utf8')),
    resolvers: {
      Query: { vacancies: () => ({ edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false } }) },
      Person: {
        __resolveReference: (person) => ({
          id: person.id,
          jobHistory: [{ employer: `employer of ${person.id}`, from: '2019-02-01', to: '2021-03-01' }],
        }),
      },
    },
  }),
});
const { url: labourUrl } = await startStandaloneServer(labour, { listen: { port: 0, host: '127.0.0.1' } });

const gateway = new ApolloGateway({
  supergraphSdl: new IntrospectAndCompose({
    subgraphs: [{ name: 'hub', url: hubUrl }, { name: 'labour', url: labourUrl }],
    introspectionHeaders: { Authorization: `Bearer ${process.env.HUB_TOKEN}` },
  }),
  buildService: ({ url }) => new RemoteGraphQLDataSource({
    url,
    // the caller's token, end user and purpose go on to every subgraph the query plan touches
    willSendRequest({ request, context }) {
      for (const header of ['authorization', 'x-end-user', 'x-purpose']) {
        if (context[header]) {
          request.http.headers.set(header, context[header]);
        }
      }
    },
  }),
});
const server = new ApolloServer({ gateway });
const { url } = await startStandaloneServer(server, {
  listen: { port: 0, host: '127.0.0.1' },
  context: async ({ req }) => ({
    authorization: req.headers.authorization,
    'x-end-user': req.headers['x-end-user'],
    'x-purpose': req.headers['x-purpose'],
  }),
});
console.log(`GATEWAY_URL=${url}`);
