package kz.reentry.hub.delivery;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/** Which configured system receives the messages for an agency. */
@Component
class Receivers {

    private final Map<String, DeliveryProperties.Receiver> byName;

    Receivers(DeliveryProperties properties) {
        this.byName = properties.receivers();
    }

    /** Every configured receiver, by name. */
    List<Named> all() {
        return byName.entrySet().stream().map(entry -> new Named(entry.getKey(), entry.getValue())).toList();
    }

    Optional<Named> forAgency(String agencyCode) {
        return byName.entrySet().stream()
                .filter(entry -> entry.getValue().serves(agencyCode))
                .findFirst().map(entry -> new Named(entry.getKey(), entry.getValue()));
    }

    record Named(String name, DeliveryProperties.Receiver receiver) {
    }
}
