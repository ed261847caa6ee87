package kz.reentry.hub.party;


/**
 * A penal institution, a party to the exchange as the sender of notices and programmes.
 *
 * @param regionCode     the region it is located in
 * @param operatedByCode the penal-system body that runs it, where known
 */
public record Institution(String code, String name, String regionCode, String jurisdiction, String type,
                          String securityLevel, String operatedByCode) implements Party {

    @Override
    public String kind() {
        return "PENAL_INSTITUTION";
    }
}
