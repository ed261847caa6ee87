package kz.reentry.hub.party;

/**
 * A party to the exchange: an {@link Agency}, an {@link Ngo}, or a penal institution. GraphQL's
 * {@code Party} interface resolves to the type named like the implementing record.
 */
public interface Party {

    String code();

    String name();

    String kind();

    String jurisdiction();
}
