package kz.reentry.hub.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import kz.reentry.hub.Sha256;
import kz.reentry.hub.disclosure.DisclosureEntry;
import kz.reentry.hub.disclosure.DisclosureJournal;
import kz.reentry.hub.security.RequestContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * One delivery attempt of one outbox message: find its receiver, ask that receiver's circuit
 * breaker, hand the envelope to the Camel route that talks to the outside (with the receiver's own
 * timeouts), and record the outcome (delivered with the hash of the answer, or failed with the time
 * of the next attempt). Attempts for different receivers run at the same time ({@link ReceiverBulkheads}).
 */
@Component
class OutboundDelivery {

    static final String ROUTE = OutboundDeliveryNames.ROUTE;
    static final String ENDPOINT_PROPERTY = OutboundDeliveryNames.ENDPOINT_PROPERTY;
    static final String CONNECT_TIMEOUT_PROPERTY = OutboundDeliveryNames.CONNECT_TIMEOUT_PROPERTY;
    static final String RESPONSE_TIMEOUT_PROPERTY = OutboundDeliveryNames.RESPONSE_TIMEOUT_PROPERTY;

    private static final Logger log = LoggerFactory.getLogger(OutboundDelivery.class);

    private final Outbox outbox;
    private final Receivers receivers;
    private final Envelopes envelopes;
    private final ProducerTemplate camel;
    private final DisclosureJournal journal;
    private final DeliveryProperties.Retry retry;
    private final CircuitBreakerRegistry breakers;
    private final Duration breakerOpenFor;
    private final DeliveryProperties properties;

    private final ApplicationEventPublisher events;
    private final MessageTraces traces;

    OutboundDelivery(Outbox outbox, Receivers receivers, Envelopes envelopes, ProducerTemplate camel,
                     DisclosureJournal journal, DeliveryProperties properties, ApplicationEventPublisher events,
                     MeterRegistry meters, MessageTraces traces) {
        this.events = events;
        this.traces = traces;
        this.outbox = outbox;
        this.receivers = receivers;
        this.envelopes = envelopes;
        this.camel = camel;
        this.journal = journal;
        this.properties = properties;
        this.retry = properties.retry();
        var breaker = properties.circuitBreaker();
        this.breakerOpenFor = breaker.openFor();
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(breaker.failureRateThreshold())
                .minimumNumberOfCalls(breaker.minimumCalls())
                .slidingWindowSize(Math.max(breaker.minimumCalls(), 10))
                .waitDurationInOpenState(breaker.openFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
        // each receiver's breaker as it comes into use: 0 closed, 1 open, 0.5 half open (letting one call through)
        breakers.getEventPublisher().onEntryAdded(added -> Gauge.builder("hub.delivery.circuit.open", added.getAddedEntry(),
                        b -> switch (b.getState()) {
                            case CLOSED, DISABLED, METRICS_ONLY -> 0.0;
                            case HALF_OPEN -> 0.5;
                            default -> 1.0;
                        })
                .description("Whether deliveries to the receiver are held back by its circuit breaker")
                .tag("receiver", added.getAddedEntry().getName()).register(meters));
    }

    /** A receiver's circuit breaker as it is now; state UNUSED when this instance has not called it. */
    record Circuit(String receiver, List<String> agencies, String state, Float failureRate, int calls, int failedCalls) {
    }

    /**
     * Every configured receiver's circuit breaker, live, in name order. A FHIR receiver carries E3 treatment
     * handoffs, whose existence is health data: its calls are shown only to a caller who may know of E3
     * messages, or to the health body it receives for (as outboundMessages shows them).
     */
    List<Circuit> circuits(kz.reentry.hub.security.HealthScope health) {
        return receivers.all().stream().sorted(java.util.Comparator.comparing(Receivers.Named::name))
                .filter(named -> named.receiver().format() != DeliveryProperties.Format.FHIR
                        || named.receiver().agencies().stream().anyMatch(agency ->
                                health.seesMessageTo(kz.reentry.hub.security.HealthScope.HEALTH_EXCHANGE, agency))
                        || health.seesExchange(kz.reentry.hub.security.HealthScope.HEALTH_EXCHANGE))
                .map(named -> {
            var breaker = breakers.find(named.name());
            if (breaker.isEmpty()) {
                return new Circuit(named.name(), named.receiver().agencies(), "UNUSED", null, 0, 0);
            }
            var metrics = breaker.get().getMetrics();
            String state = switch (breaker.get().getState()) {
                case OPEN, FORCED_OPEN -> "OPEN";
                case HALF_OPEN -> "HALF_OPEN";
                default -> "CLOSED";
            };
            float rate = metrics.getFailureRate();
            return new Circuit(named.name(), named.receiver().agencies(), state, rate < 0 ? null : rate,
                    metrics.getNumberOfBufferedCalls(), metrics.getNumberOfFailedCalls());
        }).toList();
    }

    /** One attempt: delivered, failed (backed off or dead), or put off while the receiver's circuit is open. */
    void attempt(OutboundMessage message) {
        var found = receivers.forAgency(message.recipient());
        if (found.isEmpty()) {
            failed(message, null, noReceiverFor(message.recipient()));
            return;
        }
        var receiver = found.get();
        CircuitBreaker breaker = breakers.circuitBreaker(receiver.name());
        if (!breaker.tryAcquirePermission()) {
            outbox.postpone(message.id(), "circuit open: " + receiver.name() + " failed too often, not called for now",
                    ZonedDateTime.now().plus(breakerOpenFor));
            return;
        }
        long started = System.nanoTime();
        try {
            String response = traces.continuing(message.traceparent(), "deliver " + message.exchange() + " to "
                    + receiver.name(), message.id(), () -> send(receiver.receiver(), message));
            breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            boolean fhir = receiver.receiver().format() == DeliveryProperties.Format.FHIR;
            outbox.delivered(message.id(), receiver.name(), Sha256.hex(response),
                    fhir && response != null && !response.isBlank() ? response : null);
            journal.append(DisclosureEntry.by("hub-dispatcher", message.recipient())
                    .forWhom(message.endUser(), message.purpose())
                    .operation("SEND " + message.exchange() + " to " + receiver.name())
                    .persons(message.personId() == null ? List.of() : List.of(message.personId()))
                    .fields(List.of(message.exchange() + ".content"))
                    .outcome(DisclosureEntry.Outcome.DISCLOSED));
            if (fhir) {
                events.publishEvent(new FhirResponse(message.id(), message.exchange(), message.recipient(), response));
            }
        } catch (FhirAnswers.Refused refused) {
            // the receiver works and said no for good: retrying cannot help, an operator must look
            breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            failed(message, receiver.name(), refused.getMessage(), 1);
        } catch (RuntimeException e) {
            breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
            failed(message, receiver.name(), e.getMessage() != null ? e.getMessage() : describe(e));
        }
    }

    private String send(DeliveryProperties.Receiver receiver, OutboundMessage message) {
        boolean soap = receiver.format() == DeliveryProperties.Format.SOAP;
        boolean fhir = receiver.format() == DeliveryProperties.Format.FHIR;
        String body = fhir ? message.payload() : soap ? envelopes.soap(message) : envelopes.json(message);
        String endpoint = fhir ? FhirAnswers.processMessage(receiver.endpoint()) : receiver.endpoint();
        Exchange result = camel.send(ROUTE, exchange -> {
            exchange.setProperty(ENDPOINT_PROPERTY, endpoint);
            exchange.setProperty(CONNECT_TIMEOUT_PROPERTY, properties.connectTimeout(receiver).toMillis());
            exchange.setProperty(RESPONSE_TIMEOUT_PROPERTY, properties.responseTimeout(receiver).toMillis());
            var out = exchange.getMessage();
            out.setHeader(Exchange.HTTP_METHOD, "POST");
            out.setHeader(Exchange.CONTENT_TYPE, fhir ? FhirAnswers.MEDIA_TYPE : soap ? "text/xml; charset=UTF-8"
                    : "application/json; charset=UTF-8");
            if (fhir) {
                out.setHeader(HttpHeaders.ACCEPT, FhirAnswers.MEDIA_TYPE);
            }
            out.setHeader(OutboundDeliveryNames.MESSAGE_ID_HEADER, message.id());
            out.setHeader(OutboundDeliveryNames.SENDER_ID_HEADER, envelopes.senderId());
            out.setHeader(OutboundDeliveryNames.EXCHANGE_HEADER, message.exchange());
            // the delivery's own span, so the receiver's work joins the trace of the message's intake
            String traceparent = traces.current();
            if (traceparent != null) {
                out.setHeader(MessageTraces.TRACEPARENT, traceparent);
            }
            if (message.endUser() != null) {
                out.setHeader(RequestContext.END_USER_HEADER, message.endUser());
            }
            if (message.purpose() != null) {
                out.setHeader(RequestContext.PURPOSE_HEADER, message.purpose());
            }
            if (soap) {
                out.setHeader(OutboundDeliveryNames.SOAP_ACTION_HEADER, "\"" + Envelopes.BUS_NAMESPACE + "/SendMessage\"");
            }
            authorization(receiver).ifPresent(value -> out.setHeader(HttpHeaders.AUTHORIZATION, value));
            out.setBody(body);
        });
        if (result.getException() != null) {
            throw new IllegalStateException(describe(result.getException()), result.getException());
        }
        String response = result.getMessage().getBody(String.class);
        if (soap) {
            Envelopes.requireNoFault(response);
        }
        if (fhir) {
            FhirAnswers.requireOk(response);
        }
        return response == null ? "" : response;
    }

    private void failed(OutboundMessage message, String receiver, String error) {
        failed(message, receiver, error, retry.maxAttempts());
    }

    private void failed(OutboundMessage message, String receiver, String error, int maxAttempts) {
        var status = outbox.failed(message.id(), receiver, error, maxAttempts,
                ZonedDateTime.now().plus(backoff(message.attempts() + 1)));
        if (status == OutboundMessage.Status.DEAD) {
            log.warn("Outbound message {} ({} to {}) is dead after {} attempts: {}", message.id(), message.exchange(),
                    message.recipient(), message.attempts() + 1, error);
        } else {
            log.info("Outbound message {} ({} to {}) failed, will retry: {}", message.id(), message.exchange(),
                    message.recipient(), error);
        }
    }

    /**
     * The due messages of agencies no receiver serves (at most {@code limit} each) fail at once, as
     * {@link #attempt} fails such a message, in one write; returns how many.
     */
    int failUnserved(java.util.Collection<String> recipients, int limit) {
        var errors = new java.util.HashMap<String, String>();
        recipients.forEach(recipient -> errors.put(recipient, noReceiverFor(recipient)));
        var now = ZonedDateTime.now();
        var nextAttemptAfter = java.util.stream.IntStream.rangeClosed(1, retry.maxAttempts())
                .mapToObj(failures -> now.plus(backoff(failures))).toList();
        var failed = outbox.failUnserved(errors, limit, retry.maxAttempts(), nextAttemptAfter);
        var retried = new java.util.TreeMap<String, Integer>();
        for (var message : failed) {
            if (message.status() == OutboundMessage.Status.DEAD) {
                log.warn("Outbound message {} ({} to {}) is dead after {} attempts: {}", message.id(),
                        message.exchange(), message.recipient(), message.attempts(), noReceiverFor(message.recipient()));
            } else {
                retried.merge(message.recipient(), 1, Integer::sum);
            }
        }
        if (!retried.isEmpty()) {
            log.info("Outbound messages failed, will retry: no receiver is configured for their agencies {}"
                    + " (hub.delivery.receivers)", retried);
        }
        return failed.size();
    }

    private static String noReceiverFor(String recipient) {
        return "no receiver is configured for " + recipient + " (hub.delivery.receivers)";
    }

    /** initial × 2^(failures−1), at most the maximum, spread by ±20% so that retries of many messages do not arrive together. */
    Duration backoff(int failures) {
        long initial = retry.initialBackoff().toMillis();
        long exponential = initial << Math.min(failures - 1, 30);
        long capped = Math.min(exponential <= 0 ? Long.MAX_VALUE : exponential, retry.maxBackoff().toMillis());
        double spread = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis((long) (capped * spread));
    }

    private static Optional<String> authorization(DeliveryProperties.Receiver receiver) {
        if (receiver.token() != null && !receiver.token().isBlank()) {
            return Optional.of("Bearer " + receiver.token());
        }
        if (receiver.username() != null && !receiver.username().isBlank()) {
            String pair = receiver.username() + ":" + (receiver.password() == null ? "" : receiver.password());
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return Optional.empty();
    }

    private static String describe(Exception e) {
        if (e instanceof HttpOperationFailedException http) {
            return "HTTP " + http.getStatusCode() + " from " + http.getUri();
        }
        Throwable cause = e;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        String text = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
