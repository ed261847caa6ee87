package kz.reentry.hub.support;

import org.springframework.test.context.TestPropertySource;

/**
 * The hub with the edge set as strictly as a deployment may set it: only registered operations run
 * (trusted documents, here those of graphql-test/), and the token endpoint counts failed attempts in a
 * window of 10 seconds, so a test can exhaust it and see it recover. A second application context,
 * shared by the test classes that extend this one.
 */
@TestPropertySource(properties = {
        "hub.intake.servlet-name=StrictEdgeHubServlet",
        "hub.edge.trusted-documents.enabled=true",
        "hub.edge.trusted-documents.location=classpath:graphql-test/",
        "hub.edge.token-failures.per-client=4",
        "hub.edge.token-failures.per-address=8",
        "hub.edge.token-failures.window=10s"
})
public abstract class StrictEdgeHub extends HubIntegrationTest {

    /** How long a test that used up the token endpoint's allowance waits for the window to pass. */
    protected static final long TOKEN_WINDOW_MILLIS = 10_000;
}
