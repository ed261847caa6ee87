package kz.reentry.hub.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page has: the signed-in person's login for its header; and when the session's token
 * has expired (or the API stopped taking it), the session ends and the person signs in again.
 */
@ControllerAdvice(assignableTypes = {ConsolePages.class, ExchangeHealthPage.class, AuditPage.class})
class ConsoleErrors {

    @ModelAttribute("signedIn")
    String signedIn(OAuth2AuthenticationToken person) {
        return person == null ? null : person.getName();
    }

    @ExceptionHandler(ConsoleGraphQl.SignInAgain.class)
    String signInAgain(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        return "redirect:/console";
    }
}
