package kz.reentry.hub.exchange;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The intake's settings (hub.intake.* in application.yaml, where each is explained), read in one place.
 * The Camel routes read the same keys as {{hub.intake...}} placeholders.
 *
 * @param servletName           the name of Camel's HTTP servlet (one per application context)
 * @param batchDirectory        the watched directory of E5 batch files
 * @param batchSender           the client named as sender of what a batch file causes
 * @param batchMaxSize          the most a batch file may hold, as dropped and once inflated
 * @param batchCharset          the charset of CSV files without a BOM
 * @param brokerQueue           the E5 queue
 * @param brokerSender          the client named as sender of what a broker message causes
 * @param brokerRedeliveryDelay the pause before the embedded broker offers a failed message again
 * @param brokerMaxDeliveries   the delivery on which a message whose filing still fails is dead-lettered
 * @param brokerTcpPort         a loopback TCP port of the embedded broker, or null for in-VM only
 * @param receiptRecipient      the agency whose receiver gets receipts of batch files and broker messages
 */
@ConfigurationProperties("hub.intake")
public record IntakeProperties(String servletName, Path batchDirectory, String batchSender, DataSize batchMaxSize,
                               Charset batchCharset, String brokerQueue, String brokerSender,
                               Duration brokerRedeliveryDelay, int brokerMaxDeliveries, Integer brokerTcpPort,
                               String receiptRecipient) {
}
