package kz.reentry.hub.exchange;

import java.time.Duration;

import io.netty.util.internal.PlatformDependent;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.artemis.autoconfigure.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded broker keeps what it accepted in a journal under $HUB_DATA_DIR/broker, so a message
 * the penal system published survives a crash of the hub (ADR 0009). Artemis reads and frees its
 * journal buffers through Netty's access to {@code sun.misc.Unsafe}, which Netty 4.2 turns off by
 * default on JDK 25 and later; the hub's main class turns it back on before anything loads
 * Netty, and the broker refuses to start without it rather than start with a journal it cannot reload.
 */
@Configuration(proxyBeanMethods = false)
public final class BrokerJournal {


    /**
     * A message that fails is offered again after a pause that doubles up to a minute, never moved to the
     * broker's own dead-letter queue: the hub decides when a message is dead (after
     * hub.intake.broker-max-deliveries, into its own dead-letter store).
     */
    @Bean
    ArtemisConfigurationCustomizer durableJournal(IntakeProperties intake) {
        String queue = intake.brokerQueue();
        Duration delay = intake.brokerRedeliveryDelay();
        return configuration -> {
            if (configuration.isPersistenceEnabled() && !PlatformDependent.hasUnsafe()) {
                throw new IllegalStateException("The embedded broker's journal needs Netty's Unsafe access, which is off"
                        + " (" + PlatformDependent.getUnsafeUnavailabilityCause() + "): start the hub through its main"
                        + " class, or with -Dio.netty.noUnsafe=false");
            }
            configuration.setJournalType(JournalType.NIO);
            configuration.addAddressSetting(queue, new AddressSettings()
                    .setMaxDeliveryAttempts(-1)
                    .setRedeliveryDelay(delay.toMillis())
                    .setRedeliveryMultiplier(2.0)
                    .setMaxRedeliveryDelay(60_000));
        };
    }
}
