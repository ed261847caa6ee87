// The nearest alternative a ministry would pick: @neo4j/graphql generating Cypher from a schema,
// served by Apollo Server, over the same Neo4j database the hub uses. The schema covers the
// benchmark's queries; there are no access rules, no disclosure log and no token checks here,
// which is part of what the comparison shows.
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";
import { readFileSync } from "node:fs";
import createDebug from "debug";

// with DEBUG=@neo4j/graphql:execution the harness reads the generated Cypher and its parameters
// from the log, as JSON, to PROFILE it
createDebug.formatters.O = (value) => JSON.stringify(value);

const version = (name) =>
  JSON.parse(readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url))).version;

// DateTime fields are left out: @neo4j/graphql formats them with APOC, which the hub's Neo4j does not have.
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
    programmes: [Programme!]! @relationship(type: "HAS_PROGRAMME", direction: OUT)
    referrals: [Referral!]! @relationship(type: "REFERRED", direction: OUT)
  }
  type Programme @node {
    id: ID!
    status: String
    measures: [Measure!]! @relationship(type: "HAS_MEASURE", direction: OUT)
  }
  type Measure @node {
    id: ID!
    domain: String
    description: String
    deadline: Date
    status: String
    responsible: [Party!]! @relationship(type: "RESPONSIBLE", direction: OUT)
  }
  type Referral @node {
    id: ID!
    kind: String
    status: String
    reason: String
    change: Int
    person: [Person!]! @relationship(type: "REFERRED", direction: IN)
    "The hub's rule for an NGO: a case it declined, or one that was cancelled, no longer shows the person."
    assignedPerson: Person
      @cypher(
        statement: """
        MATCH (this)<-[:REFERRED]-(p:Person) WHERE NOT this.status IN ['REJECTED', 'CANCELLED'] RETURN p
        """
        columnName: "p"
      )
    to: [Party!]! @relationship(type: "TO", direction: OUT)
    ngo: [Ngo!]! @relationship(type: "TO", direction: OUT)
  }
  "Agencies, NGOs and institutions share the label :Party in the hub's graph."
  type Party @node {
    code: ID!
    name: String
  }
  type Ngo @node {
    code: ID!
    name: String
    capacity: Int
  }
  "The hub's indicator counts, as one @cypher statement (the same as the hub's IndicatorRepository, asOf now)."
  type IndicatorCounts {
    released: Int
    withHousing: Int
    employed: Int
    treatmentHandedOver: Int
    repeatOffences: Int
  }
  type Query {
    indicators(from: Date!, to: Date!, region: String): IndicatorCounts
      @cypher(columnName: "counts", statement: """
        MATCH (p:Person)-[:WAS]->(release:PersonState {kind: 'RELEASED'})
        WHERE release.from >= $from AND release.from <= $to AND release.receivedAt <= datetime()
          AND ($region IS NULL OR EXISTS { (release)-[:IN_REGION]->(:Region {code: $region}) })
        WITH DISTINCT p, min(release.from) AS releasedOn
        RETURN {
          released: count(p),
          withHousing: count(CASE WHEN EXISTS {
            MATCH (p)-[:HAS_PROGRAMME]->(:Programme)-[:HAS_MEASURE]->(:Measure {domain: 'HOUSING'})-[:UPDATED]->(:MeasureUpdate {status: 'MET'})
          } THEN 1 END),
          employed: count(CASE WHEN EXISTS {
            MATCH (p)-[:REFERRED]->(:Referral {kind: 'EMPLOYMENT'})-[:TRANSITION]->(:ReferralTransition {status: 'COMPLETED'})
          } THEN 1 END),
          treatmentHandedOver: count(CASE WHEN EXISTS {
            MATCH (p)-[:REFERRED]->(:Referral {kind: 'HEALTH'})-[:TRANSITION]->(:ReferralTransition {status: 'ACCEPTED'})
          } THEN 1 END),
          repeatOffences: count(CASE WHEN EXISTS {
            MATCH (p)-[:WAS]->(again:PersonState)
            WHERE again.kind IN ['SUSPECT', 'ACCUSED', 'REMAND_PRISONER', 'IN_CUSTODY'] AND again.from > releasedOn
          } THEN 1 END)
        } AS counts
      """)
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
// the harness reads the versions and the memory of this process from here
console.log(`versions ${JSON.stringify({ node: process.version,
  "@neo4j/graphql": version("@neo4j/graphql"), "@apollo/server": version("@apollo/server") })}`);
const { url } = await startStandaloneServer(server, { listen: { port: Number(process.env.PORT ?? 4000) } });
console.log(`neo4j-graphql ready at ${url}`);
