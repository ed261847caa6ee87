package kz.reentry.hub.delivery;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * One trace for one message, from the request that brought it in to its delivery: the W3C
 * {@code traceparent} of the work that queues a message is kept with it in the outbox, and the
 * delivery, which happens later on another thread (or another instance), continues that trace and
 * hands its own {@code traceparent} to the receiver. Spans carry the message id ({@link #MESSAGE_ID}).
 * Without tracing configured (no Tracer) nothing is kept and nothing is sent.
 */
@Component
public class MessageTraces {

    public static final String TRACEPARENT = "traceparent";
    /** The attribute that names the message a span worked on (intake: the sender's id; delivery: the outbox id). */
    public static final String MESSAGE_ID = "hub.message_id";

    private final Tracer tracer;
    private final Propagator propagator;

    MessageTraces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
        this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
    }

    /** The traceparent of the span in scope on this thread; null outside any trace. */
    public String current() {
        Span span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(span.context(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /** Runs the work in a span of its own, a child of the span in scope (or the root of a new trace). */
    public <T> T inSpan(String name, String messageId, Supplier<T> work) {
        Span span = tracer.nextSpan().name(name);
        if (messageId != null) {
            span.tag(MESSAGE_ID, messageId);
        }
        return run(span.start(), work);
    }

    /**
     * Work that will run later on another thread (after a commit, off the caller's thread) and may queue
     * messages, kept in the trace in scope now: the trace is taken here, on the caller's thread, and the
     * returned work runs in a span of that trace, so what it puts into the outbox carries the caller's
     * traceparent to its delivery. Outside any trace the work starts a trace of its own.
     */
    public Runnable carried(String name, Runnable work) {
        String traceparent = current();
        return () -> continuing(traceparent, name, null, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Runs the work in a span that continues the trace a message was queued in (its kept traceparent);
     * a new trace when none was kept.
     */
    public <T> T continuing(String traceparent, String name, String messageId, Supplier<T> work) {
        if (traceparent == null) {
            return inSpan(name, messageId, work);
        }
        Span.Builder builder = propagator.extract(Map.of(TRACEPARENT, traceparent), Map::get).name(name);
        if (messageId != null) {
            builder.tag(MESSAGE_ID, messageId);
        }
        return run(builder.start(), work);
    }

    private <T> T run(Span span, Supplier<T> work) {
        try (Tracer.SpanInScope ignored = tracer.withSpan(span)) {
            return work.get();
        } catch (RuntimeException e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }
}
