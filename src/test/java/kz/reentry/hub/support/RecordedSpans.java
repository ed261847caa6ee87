package kz.reentry.hub.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The spans the hub ended, as an OpenTelemetry collector would receive them: a span processor the
 * hub's tracer provider takes like any other, holding each span as soon as it ends (no export batch
 * to wait for). Only sampled spans end up here.
 */
public final class RecordedSpans implements SpanProcessor {

    private final List<SpanData> ended = new CopyOnWriteArrayList<>();

    /** The spans of one trace (32 hex digits) ended so far. */
    public List<SpanData> ofTrace(String traceId) {
        return ended.stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        ended.add(span.toSpanData());
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Wiring {

        @Bean
        RecordedSpans recordedSpans() {
            return new RecordedSpans();
        }
    }
}
