package kz.reentry.hub.delivery;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EnvelopesTests {

    private static final String ANSWER = """
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>
            <bus:SendMessageResponse xmlns:bus="http://bip.bee.kz/SyncChannel/v10/Types"><response>%s</response>
            </bus:SendMessageResponse></soap:Body></soap:Envelope>""";

    @Test
    @DisplayName("a receiver's SOAP answer is accepted when it is a plain envelope and refused when it is a Fault")
    void plainAnswerAndFault() {
        assertThatCode(() -> Envelopes.requireNoFault(ANSWER.formatted("<status>OK</status>"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> Envelopes.requireNoFault(ANSWER.formatted(
                "<soap:Fault xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><faultstring>busy</faultstring></soap:Fault>")))
                .hasMessageContaining("SOAP Fault").hasMessageContaining("busy");
    }

    @Test
    @DisplayName("a hostile SOAP answer with a DOCTYPE (billion laughs, external entity) is refused before any entity is expanded or file read")
    void hostileAnswerRefused() {
        String laughs = """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [
                  <!ENTITY lol "lol">
                  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
                  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
                  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
                  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
                  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
                  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
                  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
                  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
                ]>
                """ + ANSWER.formatted("<status>&lol9;</status>");
        String external = """
                <?xml version="1.0"?>
                <!DOCTYPE answer [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                """ + ANSWER.formatted("<status>&secret;</status>");

        assertThatThrownBy(() -> Envelopes.requireNoFault(laughs)).hasMessageContaining("not a SOAP envelope")
                .hasMessageContaining("DOCTYPE");
        assertThatThrownBy(() -> Envelopes.requireNoFault(external)).hasMessageContaining("not a SOAP envelope")
                .hasMessageContaining("DOCTYPE");
    }
}
