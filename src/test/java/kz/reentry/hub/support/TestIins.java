package kz.reentry.hub.support;

import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;

/** Valid IINs for test persons, each new one distinct, so tests can share one graph without clashing. */
public final class TestIins {

    private static final AtomicInteger SERIAL = new AtomicInteger((int) (System.nanoTime() % 5000));

    private TestIins() {
    }

    /** A valid IIN of a man born on the given date (1900s or 2000s). */
    public static String forBirthDate(LocalDate birthDate) {
        char century = birthDate.getYear() >= 2000 ? '5' : '3';
        while (true) {
            String eleven = "%02d%02d%02d%c%04d".formatted(birthDate.getYear() % 100, birthDate.getMonthValue(),
                    birthDate.getDayOfMonth(), century, SERIAL.incrementAndGet() % 10000);
            int check = checkDigit(eleven);
            if (check != 10) {
                return eleven + check;
            }
        }
    }

    /** Written out again here, independently of the production code, so a wrong algorithm cannot agree with itself. */
    public static int checkDigit(String eleven) {
        int sum = 0;
        for (int i = 0; i < 11; i++) {
            sum += (eleven.charAt(i) - '0') * (i + 1);
        }
        if (sum % 11 != 10) {
            return sum % 11;
        }
        int[] weights = {3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2};
        sum = 0;
        for (int i = 0; i < 11; i++) {
            sum += (eleven.charAt(i) - '0') * weights[i];
        }
        return sum % 11;
    }
}
