// The nearest alternative a ministry would pick: @neo4j/graphql generating Cypher from a schema,
// served by Apollo Server, over the same Neo4j database the hub uses. The schema covers the
// benchmark's queries; there are no access rules, no disclosure log and no token checks here,
// which is part of what the comparison shows.
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

const typeDefs = /* GraphQL */ `
  type Person @node {
    id: ID!
    iin: String
    surname: String
    givenName: String
    patronymic: String
    birthDate: Date
    sex: String
    citizenship: String
    custodyEpisodes: [CustodyEpisode!]! @relationship(type: "SERVED", direction: OUT)
    states: [PersonState!]! @relationship(type: "WAS", direction: OUT)
    obligations: [Obligation!]! @relationship(type: "CONCERNS", direction: IN)
  }
  type CustodyEpisode @node {
    id: ID!
    article: String
    court: String
    termStart: Date
    termEnd: Date
    person: [Person!]! @relationship(type: "SERVED", direction: IN)
    institution: [Institution!]! @relationship(type: "AT", direction: OUT)
    plannedRelease: [PlannedRelease!]! @relationship(type: "ENDS_WITH", direction: OUT)
  }
  type Institution @node {
    code: ID!
    name: String
  }
  type PlannedRelease @node {
    id: ID!
    date: Date
    type: String
    custodyEpisode: [CustodyEpisode!]! @relationship(type: "ENDS_WITH", direction: IN)
    residenceRegion: [Region!]! @relationship(type: "RESIDENCE_IN", direction: OUT)
  }
  type Region @node {
    code: ID!
    name: String
  }
  type PersonState @node {
    id: ID!
    kind: String
    from: Date
    to: Date
    region: [Region!]! @relationship(type: "IN_REGION", direction: OUT)
  }
  type Obligation @node {
    id: ID!
    kind: String
    dueOn: Date
    status: String
  }
`;

const driver = neo4j.driver(process.env.NEO4J_URI ?? "bolt://127.0.0.1:7687", neo4j.auth.basic("neo4j", "unused"));
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const server = new ApolloServer({ schema });
const { url } = await startStandaloneServer(server, { listen: { port: Number(process.env.PORT ?? 4000) } });
console.log(`neo4j-graphql ready at ${url}`);
