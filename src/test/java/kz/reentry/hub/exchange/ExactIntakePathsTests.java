package kz.reentry.hub.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.camel.http.common.HttpConsumer;
import org.apache.camel.http.common.HttpServletResolveConsumerStrategy;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The third line behind the access rules and the path-spelling filter: Camel's servlet finds an intake
 * route only by its exact path. Camel's own strategy is lenient (letter case, a trailing slash), which
 * is how a spelling the access rules did not recognise reached the route.
 */
class ExactIntakePathsTests {

    private DefaultCamelContext camel;
    private Map<String, HttpConsumer> consumers;

    @BeforeEach
    void releasesRoute() throws Exception {
        camel = new DefaultCamelContext();
        var endpoint = camel.getEndpoint("servlet:releases?httpMethodRestrict=POST&servletName=ExactIntakePathsTests");
        consumers = Map.of(endpoint.getEndpointUri(), (HttpConsumer) endpoint.createConsumer(exchange -> {
        }));
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    @ParameterizedTest(name = "{0} {1}{2} (path info {3}): {4}")
    @CsvSource({
            "POST, /intake, /releases, /releases, true",
            "GET, /intake, /releases, /releases, false",
            "POST, /intake, /releases/, /releases/, false",
            "POST, /intake, /Releases, /Releases, false",
            "POST, /intake, /%72eleases, /releases, false",
            "POST, /intake, /releases;x=1, /releases, false",
            "POST, /intake, /x/../releases, /releases, false"})
    @DisplayName("an intake route is found for its exact path and method only")
    void exactPathOnly(String method, String servletPath, String rawPathInfo, String pathInfo, boolean found) {
        var request = request(method, servletPath, rawPathInfo, pathInfo);

        assertThat(new ExactIntakePaths().resolve(request, consumers) != null).isEqualTo(found);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/releases/", "/Releases", "/RELEASES"})
    @DisplayName("Camel's default strategy would have found the route for another spelling of its path")
    void camelsDefaultIsLenient(String pathInfo) {
        var request = request("POST", "/intake", pathInfo, pathInfo);

        assertThat(new HttpServletResolveConsumerStrategy().resolve(request, consumers)).isNotNull();
        assertThat(new ExactIntakePaths().resolve(request, consumers)).isNull();
    }

    private static MockHttpServletRequest request(String method, String servletPath, String rawPathInfo, String pathInfo) {
        var request = new MockHttpServletRequest(method, servletPath + rawPathInfo);
        request.setServletPath(servletPath);
        request.setPathInfo(pathInfo);
        return request;
    }
}
