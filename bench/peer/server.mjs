// The peer in our benchmark: @neo4j/graphql served by Apollo Server's standalone server, the setup its
// documentation starts from. Environment: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE, PORT, and
// PEER_TCP_NODELAY=1 to set TCP_NODELAY on every Bolt socket once it is connected (the "nodelay" form; unset, the
// driver runs exactly as shipped). Prints "ready <url>" on stdout once it listens.
import { readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "..", "..");

// The service names a statement by its file name in any concept folder of cypher/ (cypher/__init__.py does the same).
const serviceFiles = new Map(
  readdirSync(join(repo, "cypher"), { recursive: true })
    .filter((path) => path.endsWith(".cypher"))
    .map((path) => [basename(path, ".cypher"), join(repo, "cypher", path)]),
);

function statement(name) {
  const file = name.startsWith("peer_") ? join(here, "cypher", `${name}.cypher`) : serviceFiles.get(name);
  if (!file) throw new Error(`no service statement named ${name}`);
  // Statements go into GraphQL block strings: fill nested {{name}} markers, refuse what would end the string.
  const text = readFileSync(file, "utf8").replace(/\{\{(\w+)\}\}/g, (_, inner) => statement(inner));
  if (text.includes('"""')) throw new Error(`${file} contains """`);
  return text;
}

const typeDefs = readFileSync(join(here, "typeDefs.graphql"), "utf8")
  .replace(/\{\{(\w+)\}\}/g, (_, name) => statement(name));

if (process.env.PEER_TCP_NODELAY === "1") {
  // The driver connects with net.connect; set TCP_NODELAY on the connected socket (an unconnected socket may not
  // carry the option through to the kernel).
  const connect = net.connect;
  net.connect = function (...args) {
    const socket = connect.apply(this, args);
    socket.once("connect", () => socket.setNoDelay(true));
    return socket;
  };
}

const database = process.env.NEO4J_DATABASE || "neo4j";
const driver = neo4j.driver(
  process.env.NEO4J_URI || "bolt://127.0.0.1:7687",
  neo4j.auth.basic(process.env.NEO4J_USER || "neo4j", process.env.NEO4J_PASSWORD || ""),
  { maxConnectionPoolSize: 64 },
);
await driver.verifyConnectivity({ database });

const neoSchema = new Neo4jGraphQL({ typeDefs, driver });
const server = new ApolloServer({ schema: await neoSchema.getSchema() });
const { url } = await startStandaloneServer(server, {
  listen: { host: "127.0.0.1", port: Number(process.env.PORT || 4000) },
  context: async () => ({ sessionConfig: { database } }),
});
console.log(`ready ${url}`);

async function shutdown() {
  await server.stop();
  await driver.close();
  process.exit(0);
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
