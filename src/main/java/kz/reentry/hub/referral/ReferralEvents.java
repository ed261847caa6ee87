package kz.reentry.hub.referral;

import java.time.Duration;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Referral changes as they are committed, for GraphQL subscriptions. In-process: each hub instance
 * tells its own subscribers about the changes it made (a broker can fan out across instances later).
 */
@Component
public class ReferralEvents {

    private final Sinks.Many<Referral> changes = Sinks.many().multicast().directBestEffort();

    void published(Referral referral) {
        changes.emitNext(referral, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
    }

    public Flux<Referral> changes() {
        return changes.asFlux();
    }
}
