package kz.reentry.hub.release;

import java.util.List;

import kz.reentry.hub.exchange.FieldError;
import kz.reentry.hub.exchange.RecordRejectedException;
import kz.reentry.hub.party.InstitutionType;
import kz.reentry.hub.party.SecurityLevel;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Turns the JSON text of a release record into a {@link ReleaseRecord}, or says every field that is missing or malformed. */
@Component("releaseRecordReader")
public class ReleaseRecordReader {

    private final JsonMapper json;

    ReleaseRecordReader(JsonMapper json) {
        // a key given twice ("iin" twice) would otherwise take the last value silently
        this.json = json.rebuild().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    }

    public ReleaseRecord read(String payload) {
        JsonNode root = parse(payload);
        JsonFields fields = new JsonFields();
        // required on every channel: the id is what makes a message sent twice count once
        String messageId = fields.requiredText(root, "messageId");

        JsonNode person = fields.object(root, "person");
        var personData = new ReleaseRecord.PersonData(
                fields.requiredText(person, "person.iin"),
                fields.requiredText(person, "person.surname"),
                fields.requiredText(person, "person.givenName"),
                fields.optionalText(person, "person.patronymic"),
                fields.requiredDate(person, "person.birthDate"),
                fields.requiredText(person, "person.citizenship"));

        JsonNode institution = fields.object(root, "institution");
        var institutionData = new ReleaseRecord.InstitutionData(
                fields.requiredText(institution, "institution.code"),
                fields.requiredText(institution, "institution.name"),
                fields.requiredText(institution, "institution.region"),
                fields.optionalEnum(institution, "institution.type", InstitutionType.class),
                fields.optionalEnum(institution, "institution.securityLevel", SecurityLevel.class));

        JsonNode custody = fields.object(root, "custody");
        var custodyData = new ReleaseRecord.CustodyData(
                fields.requiredText(custody, "custody.article"),
                fields.requiredText(custody, "custody.court"),
                fields.requiredDate(custody, "custody.termStart"),
                fields.requiredDate(custody, "custody.termEnd"),
                fields.optionalDate(custody, "custody.formalParoleDate"));

        JsonNode release = fields.object(root, "release");
        var releaseData = new ReleaseRecord.ReleaseData(
                fields.requiredDate(release, "release.date"),
                fields.requiredEnum(release, "release.type", ReleaseType.class),
                fields.requiredText(release, "release.residenceRegion"),
                fields.optionalText(release, "release.housing"),
                fields.optionalEnum(release, "release.capacityToWork", CapacityToWork.class),
                fields.optionalText(release, "release.specialities"),
                status(fields.optionalEnum(release, "release.status", ReleaseStatus.class)),
                fields.optionalDate(release, "release.administrativeSupervisionUntil"),
                fields.optionalText(release, "release.residenceDistrict"));

        if (!fields.errors().isEmpty()) {
            throw new RecordRejectedException(messageId, fields.errors());
        }
        return new ReleaseRecord(messageId, personData, institutionData, custodyData, releaseData);
    }

    private static ReleaseStatus status(String name) {
        return name == null ? ReleaseStatus.PLANNED : ReleaseStatus.valueOf(name);
    }

    private JsonNode parse(String payload) {
        try {
            JsonNode root = json.readTree(payload == null ? "" : payload);
            if (root == null || !root.isObject()) {
                throw new RecordRejectedException(null, new FieldError("$", "json.object",
                        "the body must be one JSON object describing one release"));
            }
            return root;
        } catch (JacksonException e) {
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate")) {
                throw new RecordRejectedException(null, new FieldError("$", "json.duplicateKey",
                        "a key is given twice: " + e.getOriginalMessage()));
            }
            throw new RecordRejectedException(null, new FieldError("$", "json.syntax",
                    "the body is not valid JSON: " + e.getOriginalMessage()));
        }
    }
}
