package kz.reentry.hub.release;

import java.time.LocalDate;

/**
 * One E5 release record from the penal system: who is released, from where, under which sentence,
 * when and to which region. Built only by {@link ReleaseRecordReader}, so its shape is already checked.
 *
 * @param messageId the sender's id of this message; the hub assigns one when the sender gives none
 */
public record ReleaseRecord(String messageId, PersonData person, InstitutionData institution,
                            CustodyData custody, ReleaseData release) {

    public record PersonData(String iin, String surname, String givenName, String patronymic,
                             LocalDate birthDate, String citizenship) {
    }

    /** @param type and securityLevel are optional; the enum names of the schema's InstitutionType and SecurityLevel */
    public record InstitutionData(String code, String name, String region, String type, String securityLevel) {
    }

    /** @param formalParoleDate optional: when parole (УДО) may formally be granted */
    public record CustodyData(String article, String court, LocalDate termStart, LocalDate termEnd,
                              LocalDate formalParoleDate) {
    }

    /**
     * @param housing        optional: where the person will live, as the institution knows it (E1 notice)
     * @param capacityToWork optional: FULL, LIMITED or NONE (E1 notice)
     * @param specialities   optional: trades and qualifications, as free text (E1 notice)
     * @param status         PLANNED (the default) while the date is ahead; RELEASED when the penal system
     *                       reports the release that happened: on {@code date}, on {@code type}'s
     *                       grounds, to {@code residenceRegion}
     * @param administrativeSupervisionUntil optional, with RELEASED: the end of the administrative
     *                       supervision a court set at release
     * @param residenceDistrict optional: the district (or town) of the residence region, when the
     *                       institution knows it; the E1 notice then goes to its bodies (order 392 cl. 50)
     */
    public record ReleaseData(LocalDate date, ReleaseType type, String residenceRegion, String housing,
                              String capacityToWork, String specialities, ReleaseStatus status,
                              LocalDate administrativeSupervisionUntil, String residenceDistrict) {

        public boolean happened() {
            return status == ReleaseStatus.RELEASED;
        }
    }
}
