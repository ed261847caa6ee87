package kz.reentry.hub.console;

import java.util.List;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.i18n.SessionLocaleResolver;

/**
 * The console's language: Kazakh, Russian or English (the fallback), from the browser's Accept-Language
 * until the person picks one (?lang=kk|ru|en), then for the session. Labels are in console/messages*.properties.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleLocale implements WebMvcConfigurer {

    static final List<Locale> LANGUAGES = List.of(Locale.of("kk"), Locale.of("ru"), Locale.ENGLISH);

    @Bean
    LocaleResolver localeResolver() {
        var resolver = new SessionLocaleResolver();
        resolver.setDefaultLocaleFunction(request -> {
            var accepted = request.getHeader("Accept-Language");
            if (accepted == null || accepted.isBlank()) {
                return Locale.ENGLISH;
            }
            try {
                Locale best = Locale.lookup(Locale.LanguageRange.parse(accepted), LANGUAGES);
                return best == null ? Locale.ENGLISH : best;
            } catch (IllegalArgumentException e) {
                return Locale.ENGLISH;
            }
        });
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        var change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change).addPathPatterns("/console", "/console/**", "/login");
    }
}
