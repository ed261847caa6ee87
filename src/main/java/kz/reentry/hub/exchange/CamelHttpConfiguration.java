package kz.reentry.hub.exchange;

import org.apache.camel.component.servlet.CamelHttpTransportServlet;
import org.apache.camel.component.servlet.ServletComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.CamelContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts Camel's servlet under {@code /intake/*}, inside the same server and security filter chain as
 * the GraphQL edge, so an intake route reads {@code servlet:releases} for {@code POST /intake/releases},
 * and only for exactly that path ({@link ExactIntakePaths}).
 */
@Configuration(proxyBeanMethods = false)
class CamelHttpConfiguration {

    /**
     * @param servletName Camel keeps servlets in a JVM-wide registry by name, so two hubs in one JVM
     *                    (as in tests) need different names; routes refer to it as {@code servletName}
     */
    @Bean
    ServletRegistrationBean<CamelHttpTransportServlet> camelServlet(
            IntakeProperties intake) {
        String servletName = intake.servletName();
        var servlet = new CamelHttpTransportServlet();
        servlet.setServletResolveConsumerStrategy(new ExactIntakePaths());
        var registration = new ServletRegistrationBean<>(servlet, "/intake/*");
        registration.setName(servletName);
        registration.setLoadOnStartup(1);
        return registration;
    }

    /** After the security chain, so that who may not send learns nothing from the hub's state. */
    @Bean
    FilterRegistrationBean<IntakeReadiness> intakeReadiness(CamelContext camel) {
        var registration = new FilterRegistrationBean<>(new IntakeReadiness(camel));
        registration.addUrlPatterns("/intake/*");
        return registration;
    }

    /**
     * Every servlet (HTTP intake) endpoint: only the hub's own answer leaves ({@link IntakeHttpHeaders}),
     * and a failure the route did not answer itself is a bare 500, never Camel's stack trace.
     */
    @Bean
    ComponentCustomizer intakeServletComponent() {
        return ComponentCustomizer.forType(ServletComponent.class, component -> {
            component.setHeaderFilterStrategy(new IntakeHttpHeaders());
            component.setMuteException(true);
        });
    }
}
