package kz.reentry.hub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class HubApplication {

    public static void main(String[] args) {
        // before anything loads Netty: the embedded broker's journal needs Unsafe on JDK 25+, as Netty
        // uses by default before (ADR 0009; exchange.BrokerJournal refuses to start without it), unless
        // the operator decided otherwise with -Dio.netty.noUnsafe
        if (System.getProperty("io.netty.noUnsafe") == null) {
            System.setProperty("io.netty.noUnsafe", "false");
        }
        SpringApplication.run(HubApplication.class, args);
    }
}
