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
 * @param batchSize     the most due messages of one agency no configured system serves that one poll fails (in one write)
 *                      (those for a configured receiver are taken as its free calls allow)
 * @param lease         how long a taken message is reserved for its delivery attempt: if the hub
 *                      that took it neither reports back nor is started again within it, another
 *                      hub may take it; longer than any receiver's connect and response timeouts
 * @param connectTimeoutMillis  a receiver's connect timeout unless it sets its own
 * @param responseTimeoutMillis a receiver's response timeout unless it sets its own
 * @param instanceId    the name this hub's claims on messages carry (HUB_INSTANCE_ID); unset, the
 *                      name kept in its data directory (hub-instance-id), made on the first start
 * @param retry         redelivery with exponential backoff, then the dead-letter state
 * @param circuitBreaker when to stop calling a receiver that keeps failing, and for how long
 * @param receivers     the receiving systems by name
 * @param releaseNoticeSchedule the cron of the daily run that puts due E1 notices in the outbox
 */
@ConfigurationProperties("hub.delivery")
public record DeliveryProperties(String senderId, boolean dispatcher, Duration pollInterval, int batchSize, Duration lease,
                                 int connectTimeoutMillis, int responseTimeoutMillis, String instanceId,
                                 Retry retry, CircuitBreaker circuitBreaker, Map<String, Receiver> receivers,
                                 String releaseNoticeSchedule) {

    /** A receiver's calls at once unless it sets its own concurrency. */
    public static final int DEFAULT_CONCURRENCY = 4;

    public DeliveryProperties {
        receivers = receivers == null ? Map.of() : receivers;
    }

    /** The receiver's connect timeout: its own, or the hub's. */
    public Duration connectTimeout(Receiver receiver) {
        return receiver.connectTimeout() != null ? receiver.connectTimeout() : Duration.ofMillis(connectTimeoutMillis);
    }

    /** The receiver's response timeout: its own, or the hub's. */
    public Duration responseTimeout(Receiver receiver) {
        return receiver.responseTimeout() != null ? receiver.responseTimeout() : Duration.ofMillis(responseTimeoutMillis);
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
     * @param agencies the agency codes whose messages it receives (KZ-MIO-75, KZ-OVD-75...); a code ending
     *                 in {@code -*} stands for the bodies under it (KZ-MIO-75-* for the district akimats
     *                 of Almaty, which the city's system serves)
     * @param endpoint where messages are POSTed
     * @param format   JSON, SOAP (the e-government bus envelope) or FHIR (the endpoint is a FHIR base URL;
     *                 the message, a FHIR message Bundle, is POSTed as is to its $process-message)
     * @param username basic authentication, when the receiver asks for it
     * @param password basic authentication, when the receiver asks for it
     * @param token    a bearer token, when the receiver asks for one instead
     * @param concurrency     the most calls to this receiver at once (default 4): its bulkhead, so a
     *                        receiver that hangs holds only its own calls and never another's
     * @param connectTimeout  how long to wait for a connection (default: connect-timeout-millis)
     * @param responseTimeout how long to wait for the answer (default: response-timeout-millis)
     */
    public record Receiver(List<String> agencies, String endpoint, Format format, String username, String password,
                           String token, Integer concurrency, Duration connectTimeout, Duration responseTimeout) {

        public Receiver {
            agencies = agencies == null ? List.of() : agencies;
            format = format == null ? Format.JSON : format;
            concurrency = concurrency == null ? DEFAULT_CONCURRENCY : concurrency;
            if (concurrency < 1) {
                throw new IllegalArgumentException("a receiver's concurrency must be at least 1, not " + concurrency);
            }
        }

        /** Whether this system receives the messages for the agency: named exactly, or under a {@code -*} entry. */
        public boolean serves(String agencyCode) {
            return agencies.stream().anyMatch(entry -> entry.endsWith("-*")
                    ? agencyCode.startsWith(entry.substring(0, entry.length() - 1))
                    : entry.equals(agencyCode));
        }
    }

    public enum Format { JSON, SOAP, FHIR }
}
