package kz.reentry.hub.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the hub delivers its outgoing messages (E1 notices, E2 programmes): who receives what, how
 * often the outbox is read, how failures are retried. Receivers are configuration, not code: a
 * ministry adds an akimat's system by adding an entry.
 *
 * @param senderId      the hub's id in envelopes and headers (the e-government bus's sender id)
 * @param dispatcher    whether this instance delivers (off on instances that only serve reads)
 * @param pollInterval  how often the outbox is read for messages that are due
 * @param batchSize     messages taken from the outbox at a time
 * @param lease         how long a taken message is reserved for one delivery attempt
 * @param retry         redelivery with exponential backoff, then the dead-letter state
 * @param circuitBreaker when to stop calling a receiver that keeps failing, and for how long
 * @param receivers     the receiving systems by name
 */
@ConfigurationProperties("hub.delivery")
public record DeliveryProperties(String senderId, boolean dispatcher, Duration pollInterval, int batchSize, Duration lease,
                                 Retry retry, CircuitBreaker circuitBreaker, Map<String, Receiver> receivers) {

    public DeliveryProperties {
        receivers = receivers == null ? Map.of() : receivers;
    }

    /**
     * @param initialBackoff wait after the first failure; doubled after each further one
     * @param maxBackoff     the longest wait between two attempts
     * @param maxAttempts    attempts before the message is dead-lettered
     */
    public record Retry(Duration initialBackoff, Duration maxBackoff, int maxAttempts) {
    }

    /**
     * @param failureRateThreshold percentage of failed calls that opens the circuit
     * @param minimumCalls         calls before the rate is judged
     * @param openFor              how long an open circuit refuses calls before it tries again
     */
    public record CircuitBreaker(float failureRateThreshold, int minimumCalls, Duration openFor) {
    }

    /**
     * One receiving system, which may serve several agencies (one bus endpoint for all akimats).
     *
     * @param agencies the agency codes whose messages it receives (KZ-MIO-75, KZ-OVD-75...)
     * @param endpoint where messages are POSTed
     * @param format   JSON or SOAP (the e-government bus envelope)
     * @param username basic authentication, when the receiver asks for it
     * @param password basic authentication, when the receiver asks for it
     * @param token    a bearer token, when the receiver asks for one instead
     */
    public record Receiver(List<String> agencies, String endpoint, Format format, String username, String password,
                           String token) {

        public Receiver {
            agencies = agencies == null ? List.of() : agencies;
            format = format == null ? Format.JSON : format;
        }
    }

    public enum Format { JSON, SOAP }
}
