package kz.reentry.hub.benchmark;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import kz.reentry.hub.support.TestIins;

/**
 * A national-scale population for benchmarks, the same for the same seed and scale: persons in
 * custody (30,000 at scale 1), on probation (32,000) and released in the past (100,000), the seeds'
 * own figures (001), in 100 institutions across the 17 regions and 3 cities, with Kazakh and
 * Russian names in Cyrillic and valid IINs. Each person is one E5 release record, as the intake
 * takes it, so the same data can be filed through the hub or written directly.
 */
public final class NationalDataset {

    public static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    /** The districts of the three cities (graph-model R__03), where a release into a city is placed. */
    static final Map<String, List<String>> CITY_DISTRICTS = Map.of(
            "KZ-71", List.of("KZ-71-ALM", "KZ-71-BAI", "KZ-71-ESL", "KZ-71-SAR", "KZ-71-NUR"),
            "KZ-75", List.of("KZ-75-ALA", "KZ-75-ALM", "KZ-75-AUE", "KZ-75-BOS", "KZ-75-ZHE", "KZ-75-MED", "KZ-75-NAU", "KZ-75-TUR"),
            "KZ-79", List.of("KZ-79-ABA", "KZ-79-FAR", "KZ-79-ENB", "KZ-79-KAR", "KZ-79-TRN"));
    /** The NGO of the ngo-demo client: a share of the cases in its city are assigned to it. */
    static final String DEMO_NGO = "NGO-KZ-75-0001";
    static final int NGOS = 500;
    static final List<String> REFERRAL_STATUSES = List.of("REQUESTED", "RECEIVED", "ACCEPTED", "REJECTED",
            "IN_PROGRESS", "COMPLETED", "CANCELLED");
    private static final List<String> MEASURE_DOMAINS = List.of("DOCUMENTS", "HOUSING", "EMPLOYMENT", "HEALTH",
            "EDUCATION", "BENEFITS", "FAMILY");
    private static final List<String> MEASURE_STATUSES = List.of("NOT_STARTED", "IN_PROGRESS", "MET", "DECLINED");
    private static final List<String> NGO_WORDS = List.of("Жаңа жол", "Қамқор", "Үміт", "Көмек", "Шаңырақ", "Бірлік",
            "Сенім", "Ақ ниет", "Өркен", "Мейірім", "Ізгілік", "Достық");

    static final List<String> REGIONS = List.of("KZ-10", "KZ-11", "KZ-15", "KZ-19", "KZ-23", "KZ-27", "KZ-31",
            "KZ-33", "KZ-35", "KZ-39", "KZ-43", "KZ-47", "KZ-55", "KZ-59", "KZ-61", "KZ-62", "KZ-63", "KZ-71",
            "KZ-75", "KZ-79");
    private static final List<String> MALE_SURNAMES = List.of("Сәрсенбаев", "Жұмабеков", "Нұрланов", "Қасымов",
            "Әбдірахманов", "Серікбаев", "Ахметов", "Смағұлов", "Бекмұхамбетов", "Оспанов", "Мұратов", "Ғабдуллин",
            "Құрманов", "Есенов", "Өтепов", "Үсенов", "Байжанов", "Иванов", "Петров", "Ким", "Тоқтаров", "Шәріпов",
            "Ержанов", "Досмағамбетов", "Қалиев", "Сидоренко", "Нұрпейісов", "Әлиев", "Жақсылықов", "Ибраев");
    private static final List<String> MALE_NAMES = List.of("Қайрат", "Ерлан", "Нұржан", "Асхат", "Дәурен", "Ғалым",
            "Бауыржан", "Серік", "Алексей", "Дмитрий", "Әлібек", "Мұхтар", "Төлеген", "Ілияс", "Өмірзақ", "Ұлан",
            "Арман", "Санжар", "Виктор", "Руслан", "Данияр", "Жандос", "Нұрсұлтан", "Марат", "Еркін");
    private static final List<String> FEMALE_NAMES = List.of("Әйгерім", "Гүлнар", "Жанар", "Динара", "Айгүл", "Мәдина",
            "Салтанат", "Ольга", "Іңкәр", "Ұлжан", "Назерке", "Татьяна", "Әсем", "Гүлмира", "Сәуле");
    private static final List<String> ARTICLES = List.of("188 ч.2", "190 ч.3", "296 ч.2", "99 ч.1", "106 ч.2",
            "293 ч.1", "200 ч.2", "192 ч.3");
    private static final List<String> HOUSING = List.of("у родственников", "собственное жильё", "нуждается в жилье",
            "центр адаптации", "съёмное жильё");
    private static final List<String> SPECIALITIES = List.of("электросварщик", "водитель категории C", "повар",
            "швея", "столяр", "тракторист", "каменщик", "оператор ЭВМ");

    /** Birth dates spread over 45 years; with the serial this makes every IIN unique up to scale 60. */
    private static final int BIRTH_DAYS = 16_425;

    public enum Group { CUSTODY, PROBATION, RELEASED }

    private final long seed;
    private final double scale;

    public NationalDataset(long seed, double scale) {
        this.seed = seed;
        this.scale = scale;
    }

    public int custody() {
        return (int) Math.round(30_000 * scale);
    }

    public int probation() {
        return (int) Math.round(32_000 * scale);
    }

    public int released() {
        return (int) Math.round(100_000 * scale);
    }

    public int size() {
        return custody() + probation() + released();
    }

    public static int institutions() {
        return 100;
    }

    public static String institutionCode(int n) {
        return "BENCH-UK-" + (n + 1);
    }

    public static String institutionRegion(int n) {
        return REGIONS.get(n % REGIONS.size());
    }

    public Group group(int index) {
        return index < custody() ? Group.CUSTODY : index < custody() + probation() ? Group.PROBATION : Group.RELEASED;
    }

    /** Person number {@code index} (0 ≤ index < size) as an E5 release record, nested like the intake's JSON. */
    public Map<String, Object> record(int index) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index);
        boolean male = random.nextInt(100) < 92;
        LocalDate born = LocalDate.of(1960, 1, 1).plusDays(index % BIRTH_DAYS);
        String surname = pick(random, MALE_SURNAMES);
        String fatherName = pick(random, MALE_NAMES);
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("iin", iin(born, male, index));
        person.put("surname", male || surname.endsWith("ко") || surname.equals("Ким") ? surname : surname + "а");
        person.put("givenName", pick(random, male ? MALE_NAMES : FEMALE_NAMES));
        person.put("patronymic", fatherName + (male ? "ұлы" : "қызы"));
        person.put("birthDate", born.toString());
        person.put("citizenship", "KZ");

        int institution = random.nextInt(institutions());
        LocalDate release = switch (group(index)) {
            case CUSTODY -> TODAY.plusDays(1 + random.nextInt(5 * 365));
            case PROBATION -> TODAY.minusDays(1 + random.nextInt(2 * 365));
            case RELEASED -> TODAY.minusDays(2 * 365 + random.nextInt(8 * 365));
        };
        LocalDate termStart = release.minusDays(365 + random.nextInt(9 * 365));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("messageId", "bench-" + seed + "-" + index);
        record.put("person", person);
        // ordered maps: the CSV's columns follow them, and Map.of's order may change from one JVM to the next
        record.put("institution", ordered("code", institutionCode(institution),
                "name", "Учреждение " + institutionCode(institution), "region", institutionRegion(institution)));
        record.put("custody", ordered("article", pick(random, ARTICLES), "court", "Районный суд № " + (1 + random.nextInt(60)),
                "termStart", termStart.toString(), "termEnd", release.toString()));
        Map<String, Object> releaseData = new LinkedHashMap<>();
        releaseData.put("date", release.toString());
        releaseData.put("type", group(index) == Group.PROBATION ? "PAROLE" : "END_OF_TERM");
        releaseData.put("residenceRegion", REGIONS.get(random.nextInt(REGIONS.size())));
        releaseData.put("housing", pick(random, HOUSING));
        releaseData.put("capacityToWork", random.nextInt(10) < 8 ? "FULL" : "LIMITED");
        releaseData.put("specialities", pick(random, SPECIALITIES));
        record.put("release", releaseData);
        return record;
    }

    /** A measure of a programme, drawn up by the institution, with the party responsible for it. */
    record Measure(String domain, String description, String responsible, LocalDate deadline, String status) {}

    /** A referral (E3, E4) or an NGO case (E6), with the statuses it went through, the last one current. */
    record Referral(String kind, String from, String to, String reason, List<String> path) {}

    /** What the case of a person holds besides the release record: a district, a programme, referrals. */
    record CaseFile(String district, List<Measure> programme, List<Referral> referrals) {}

    /**
     * The case of person {@code index}: persons released in the last two years or to be released
     * within one have a programme (3 to 5 measures) and referrals (employment, health, an NGO case),
     * whose statuses cover every ReferralStatus; a release into a city is placed in one of its districts.
     */
    public CaseFile caseFile(int index) {
        SplittableRandom random = new SplittableRandom(seed * 7_919L + index * 31L + 17);
        @SuppressWarnings("unchecked")
        var release = (Map<String, Object>) record(index).get("release");
        String region = (String) release.get("residenceRegion");
        LocalDate date = LocalDate.parse((String) release.get("date"));
        List<String> districts = CITY_DISTRICTS.get(region);
        String district = districts == null ? null : pick(random, districts);
        boolean active = group(index) == Group.PROBATION || date.isBefore(TODAY.plusYears(1)) && date.isAfter(TODAY.minusYears(2));
        if (!active) {
            return new CaseFile(district, List.of(), List.of());
        }
        String suffix = region.substring(3);
        List<Measure> measures = new ArrayList<>();
        int count = 3 + random.nextInt(3);
        for (int m = 0; m < count; m++) {
            String domain = MEASURE_DOMAINS.get((m + random.nextInt(MEASURE_DOMAINS.size())) % MEASURE_DOMAINS.size());
            String responsible = switch (domain) {
                case "EMPLOYMENT" -> "KZ-CZN-" + suffix;
                case "HEALTH" -> "KZ-UZ-" + suffix;
                default -> "KZ-MIO-" + suffix;
            };
            measures.add(new Measure(domain, "Мера: " + domain.toLowerCase(Locale.ROOT), responsible,
                    date.plusDays(random.nextInt(90) - 30), pick(random, MEASURE_STATUSES)));
        }
        String sender = "KZ-SP-" + suffix;
        List<Referral> referrals = new ArrayList<>();
        if (random.nextInt(100) < 60) {
            referrals.add(new Referral("EMPLOYMENT", sender, "KZ-CZN-" + suffix, "трудоустройство", path(random)));
        }
        if (random.nextInt(100) < 20) {
            referrals.add(new Referral("HEALTH", sender, "KZ-UZ-" + suffix, "продолжение лечения", path(random)));
        }
        if (random.nextInt(100) < 40) {
            String ngo = region.equals("KZ-75") && random.nextInt(3) == 0 ? DEMO_NGO : ngoCode(ngoServing(region, random));
            referrals.add(new Referral("NGO_CASE", "KZ-MIO-" + suffix, ngo, "сопровождение после освобождения", path(random)));
        }
        return new CaseFile(district, measures, referrals);
    }

    /** The statuses a referral went through to one of the seven, the lifecycle of ReferralStatus. */
    private static List<String> path(SplittableRandom random) {
        return switch (pick(random, REFERRAL_STATUSES)) {
            case "REQUESTED" -> List.of("REQUESTED");
            case "RECEIVED" -> List.of("REQUESTED", "RECEIVED");
            case "ACCEPTED" -> List.of("REQUESTED", "RECEIVED", "ACCEPTED");
            case "REJECTED" -> List.of("REQUESTED", "RECEIVED", "REJECTED");
            case "IN_PROGRESS" -> List.of("REQUESTED", "RECEIVED", "ACCEPTED", "IN_PROGRESS");
            case "COMPLETED" -> List.of("REQUESTED", "RECEIVED", "ACCEPTED", "IN_PROGRESS", "COMPLETED");
            default -> List.of("REQUESTED", "CANCELLED");
        };
    }

    /** Generated NGOs (the 2 demo ones are reference data): number n serves region n mod 20. */
    public static int ngos() {
        return NGOS - 2;
    }

    public static String ngoCode(int n) {
        return "NGO-%s-%04d".formatted(ngoRegion(n), 2 + n / REGIONS.size());
    }

    public static String ngoRegion(int n) {
        return REGIONS.get(n % REGIONS.size());
    }

    public static String ngoName(int n) {
        return "ОФ «%s-%d»".formatted(NGO_WORDS.get(n % NGO_WORDS.size()), n + 1);
    }

    private static int ngoServing(String region, SplittableRandom random) {
        int perRegion = ngos() / REGIONS.size();
        return REGIONS.indexOf(region) + REGIONS.size() * random.nextInt(perRegion);
    }

    /** The flat field paths of a record, as CSV columns or XML elements take them. */
    public static Map<String, String> flat(Map<String, Object> record) {
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", record, flat);
        return flat;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> node, Map<String, String> into) {
        node.forEach((key, value) -> {
            if (value instanceof Map<?, ?> child) {
                flatten(prefix + key + ".", (Map<String, Object>) child, into);
            } else if (value != null) {
                into.put(prefix + key, value.toString());
            }
        });
    }

    /** Valid and unique: a birth date holds at most 10 serials per 16,425 persons, one per attempt at a check digit. */
    private static String iin(LocalDate born, boolean male, int index) {
        char century = (char) ((born.getYear() >= 2000 ? '5' : '3') + (male ? 0 : 1));
        for (int attempt = 0; ; attempt++) {
            int serial = (index / BIRTH_DAYS) * 10 + attempt;
            String eleven = "%02d%02d%02d%c%04d".formatted(born.getYear() % 100, born.getMonthValue(), born.getDayOfMonth(),
                    century, serial);
            int check = TestIins.checkDigit(eleven);
            if (check != 10) {
                return eleven + check;
            }
        }
    }

    private static Map<String, Object> ordered(String... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    static List<Integer> sample(int size, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Integer> picked = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            picked.add(random.nextInt(size));
        }
        return picked;
    }
}
