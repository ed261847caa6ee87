package kz.reentry.hub.health;

import java.util.List;
import java.util.Map;

import kz.reentry.hub.api.Batches;
import kz.reentry.hub.person.Person;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.stereotype.Controller;

/**
 * Person.medicalParts. Who reads them is the access policy's field rule (health bodies and the penal
 * system: HEALTH_DATA), applied before this runs; the person is already within the caller's rows.
 */
@Controller
class MedicalPartController {

    private final MedicalPartRepository medicalParts;

    MedicalPartController(MedicalPartRepository medicalParts) {
        this.medicalParts = medicalParts;
    }

    @BatchMapping(typeName = "Person")
    Map<Person, List<MedicalPart>> medicalParts(List<Person> persons) {
        return Batches.matched(persons, Person::id, medicalParts.ofPersons(Batches.keys(persons, Person::id)));
    }
}
