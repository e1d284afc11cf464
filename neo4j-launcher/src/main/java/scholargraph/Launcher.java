package scholargraph;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.Transaction;

/**
 * Runs Neo4j Community in this JVM with Bolt on 127.0.0.1 until the process is terminated.
 *
 * The home directory, port and password come from environment variables (set by `scholargraph db start`) so the
 * password never appears on a command line: NEO4J_LAUNCHER_HOME, NEO4J_LAUNCHER_PORT, NEO4J_LAUNCHER_PASSWORD.
 * Everything else (page cache, transaction timeout and memory cap) is read from HOME/neo4j.conf, which the
 * Python side writes with the usual neo4j.conf keys.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(require("NEO4J_LAUNCHER_HOME")).toAbsolutePath();
        int port = Integer.parseInt(require("NEO4J_LAUNCHER_PORT"));
        String password = require("NEO4J_LAUNCHER_PASSWORD");

        Path conf = home.resolve("neo4j.conf");
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .loadPropertiesFromFile(conf)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                // What routing answers (neo4j:// URIs, dbms.routing.getRoutingTable): this address, not localhost:7687.
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                // Embedded code defaults to auth off, unlike the server: switch it on explicitly.
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            stopped.countDown();
        }, "neo4j-shutdown"));

        // In-process calls bypass auth, so this sets the password of the default user on every start. Its own
        // generous timeout: on a fresh store under a busy machine the first system transaction can outlast
        // db.transaction.timeout. If it fails anyway, exit, rather than run on without the password set
        // (`db start` would wait for the ready line until its deadline).
        try (Transaction tx = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).beginTx(10, TimeUnit.MINUTES)) {
            tx.execute("ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
            tx.commit();
        } catch (RuntimeException e) {
            // Every start after the first finds the password already set: Neo4j refuses an unchanged password.
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                e.printStackTrace();
                System.exit(1);
            }
        }

        System.out.println("scholargraph-neo4j ready bolt://127.0.0.1:" + port + " home=" + home);
        System.out.flush();
        stopped.await();
    }

    private static String require(String name) {
        String value = System.getenv(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("environment variable " + name + " is required");
        }
        return value;
    }
}
