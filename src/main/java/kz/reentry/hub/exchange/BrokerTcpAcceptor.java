package kz.reentry.hub.exchange;

import org.springframework.boot.artemis.autoconfigure.ArtemisConfigurationCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Off unless hub.intake.broker-tcp-port is set: lets the embedded broker accept TCP connections on
 * the loopback interface as well, so a process on the same machine (the benchmarks) can publish E5
 * records to it. The embedded broker is otherwise reachable in-VM only; a ministry uses its own
 * broker (HUB_ARTEMIS_MODE=native) instead.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("hub.intake.broker-tcp-port")
class BrokerTcpAcceptor {

    @Bean
    ArtemisConfigurationCustomizer loopbackTcpAcceptor(IntakeProperties intake) {
        int port = intake.brokerTcpPort();
        return configuration -> {
            try {
                configuration.addAcceptorConfiguration("loopback-tcp", "tcp://127.0.0.1:" + port);
            } catch (Exception e) {
                throw new IllegalStateException("cannot add the broker's TCP acceptor on port " + port, e);
            }
        };
    }
}
