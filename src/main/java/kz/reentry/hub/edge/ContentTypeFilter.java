package kz.reentry.hub.edge;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import kz.reentry.hub.disclosure.DisclosureJournal;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request that declares a Content-Type must declare one concrete, well-formed media type: a wildcard
 * ({@code application/*}, {@code *}{@code /*}) or a malformed one is refused with 415 on every path.
 * Spring MVC cannot even represent such a request (it fails with 500 before any handler is chosen,
 * and again on its error page), so it is answered here, like any other unsupported type.
 */
class ContentTypeFilter extends OncePerRequestFilter {

    private final DisclosureJournal journal;

    ContentTypeFilter(DisclosureJournal journal) {
        this.journal = journal;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (contentType != null && !contentType.isBlank() && !isConcrete(contentType)) {
            EdgeReplies.refuse(request, response, journal, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must name one media type, such as application/json, without wildcards");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean isConcrete(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
