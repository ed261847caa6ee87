package kz.reentry.hub;

import kz.reentry.hub.exchange.BrokerJournal;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class HubApplication {

    public static void main(String[] args) {
        // before anything loads Netty: the embedded broker's journal needs it (ADR 0009)
        BrokerJournal.permitNettyUnsafe();
        SpringApplication.run(HubApplication.class, args);
    }
}
