package kz.reentry.hub.release;

import kz.reentry.hub.obligation.Obligation;
import kz.reentry.hub.security.RequestContext;
import kz.reentry.hub.state.PersonState;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

@Controller
class ReleaseRecordingController {

    private final ReleaseRecording recording;
    private final ArrivalConfirmations arrivals;

    ReleaseRecordingController(ReleaseRecording recording, ArrivalConfirmations arrivals) {
        this.recording = recording;
        this.arrivals = arrivals;
    }

    @MutationMapping
    @PreAuthorize("hasRole('PERSON_STATE_WRITE')")
    Obligation confirmArrival(@Argument ArrivalConfirmations.Input input,
                              @ContextValue(name = RequestContext.END_USER, required = false) String endUser,
                              @ContextValue(name = RequestContext.PURPOSE, required = false) String purpose) {
        return arrivals.confirm(input, endUser, purpose);
    }

    @MutationMapping
    @PreAuthorize("hasRole('PERSON_STATE_WRITE')")
    PersonState recordRelease(@Argument ReleaseRecording.RecordReleaseInput input,
                              @ContextValue(name = RequestContext.END_USER, required = false) String endUser,
                              @ContextValue(name = RequestContext.PURPOSE, required = false) String purpose) {
        return recording.record(input, endUser, purpose);
    }
}
