package kz.reentry.hub.exchange;

import org.apache.camel.component.servlet.CamelHttpTransportServlet;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts Camel's servlet under {@code /intake/*}, inside the same server and security filter chain as
 * the GraphQL edge, so an intake route reads {@code servlet:releases} for {@code POST /intake/releases}.
 */
@Configuration(proxyBeanMethods = false)
class CamelHttpConfiguration {

    @Bean
    ServletRegistrationBean<CamelHttpTransportServlet> camelServlet() {
        var registration = new ServletRegistrationBean<>(new CamelHttpTransportServlet(), "/intake/*");
        registration.setName("CamelServlet");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
