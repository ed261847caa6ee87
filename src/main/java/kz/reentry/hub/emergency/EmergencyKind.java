package kz.reentry.hub.emergency;

/** The kinds of emergency 003 cl. 4 (30) names, with the facts cl. 23 counts with them. */
public enum EmergencyKind {
    NATURAL_DISASTER, TECHNOGENIC_DISASTER, GROUP_DISOBEDIENCE, SELF_HARM, HOSTAGE_TAKING, POGROM, MASS_RIOT,
    ESCAPE, ATTEMPTED_ESCAPE, COLLECTIVE_WORK_REFUSAL, HUNGER_STRIKE, TORTURE_BY_STAFF, UNLAWFUL_FORCE_BY_STAFF,
    SPECIAL_MEANS_BY_STAFF, WEAPON_USE, STAFF_OFFENCE, SUICIDE, VIOLENT_DEATH;

    /** How the special message names it (the words of cl. 4 (30)). */
    String inWords() {
        return switch (this) {
            case NATURAL_DISASTER -> "стихийное бедствие природного характера";
            case TECHNOGENIC_DISASTER -> "бедствие техногенного характера";
            case GROUP_DISOBEDIENCE -> "групповое неповиновение требованиям администрации";
            case SELF_HARM -> "членовредительство";
            case HOSTAGE_TAKING -> "захват заложника";
            case POGROM -> "погром";
            case MASS_RIOT -> "массовые беспорядки";
            case ESCAPE -> "побег";
            case ATTEMPTED_ESCAPE -> "покушение на побег";
            case COLLECTIVE_WORK_REFUSAL -> "коллективный отказ от выполнения оплачиваемых видов работ";
            case HUNGER_STRIKE -> "коллективный отказ от приема пищи";
            case TORTURE_BY_STAFF -> "применение сотрудниками пыток";
            case UNLAWFUL_FORCE_BY_STAFF -> "применение сотрудниками недозволенных мер воздействия";
            case SPECIAL_MEANS_BY_STAFF -> "применение сотрудниками специальных средств";
            case WEAPON_USE -> "применение оружия";
            case STAFF_OFFENCE -> "совершение сотрудниками правонарушения";
            case SUICIDE -> "суицид";
            case VIOLENT_DEATH -> "насильственная смерть лица, содержащегося в учреждении";
        };
    }
}
