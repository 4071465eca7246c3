package io.animalhospital.notice.domain;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Short, human messages in Korean and English that say what changed, one per event type (and cancellation
 * reason). Fit for an SMS or KakaoTalk message: one or two sentences, the pet's name first.
 */
public final class MessageTemplates {

    private MessageTemplates() {
    }

    /** The e-mail subject; the message itself is the body. */
    public static String subject(Language language) {
        return language == Language.KO ? "[동물병원] 예약 알림" : "Animal Hospital: about your reservation";
    }

    public static String render(Language language, MessageFacts facts) {
        return language == Language.KO ? korean(facts) : english(facts);
    }

    /**
     * The clinic's message when an appointment starts awaiting approval: for staff, with the pet, the vet, the day
     * and where to decide.
     */
    public static String clinic(Language language, MessageFacts f, String approvalsLink) {
        String pet = orDefault(f.petName(), language == Language.KO ? "반려동물" : "a pet");
        if (language == Language.KO) {
            String when = f.date() == null ? "" : koreanDate(f.date()) + " ";
            String vet = f.vet() == null ? "" : f.vet() + " 선생님 ";
            return "[동물병원] 승인 대기: " + when + vet + "진료에 " + pet + " 예약이 승인을 기다립니다. 승인 또는 거절: "
                    + approvalsLink;
        }
        String when = f.date() == null ? "" : " on " + f.date();
        String withVet = f.vet() == null ? "" : " with Dr. " + f.vet();
        return "Animal Hospital: approval needed - " + pet + "'s appointment" + withVet + when
                + " awaits approval. Approve or decline at " + approvalsLink;
    }

    private static String english(MessageFacts f) {
        String pet = orDefault(f.petName(), "your pet");
        String when = f.date() == null ? "" : " on " + f.date();
        String withVet = f.vet() == null ? "" : " with Dr. " + f.vet();
        String prefix = "Animal Hospital: ";
        return prefix + switch (f.eventType()) {
            case "ReservationPlaced" -> "AWAITING_APPROVAL".equals(f.status())
                    ? "we received " + pet + "'s reservation" + when + withVet
                            + ". The clinic will confirm it shortly."
                    : pet + "'s visit" + when + withVet + " is booked.";
            case "ReservationChanged" -> pet + "'s reservation was updated: now" + when + withVet
                    + ("AWAITING_APPROVAL".equals(f.status()) ? ", awaiting the clinic's approval." : ".");
            case "ReservationApproved" -> "the clinic confirmed " + pet + "'s visit" + when + withVet + ".";
            case "ReservationCancelled" -> switch (orDefault(f.reason(), "CUSTOMER")) {
                case "DECLINED" -> "sorry, the clinic cannot see " + pet + when
                        + "; the reservation is cancelled. Please book another time.";
                case "SCHEDULE_WITHDRAWN" -> "sorry, " + (f.vet() == null ? "the vet" : "Dr. " + f.vet())
                        + " is not available" + when + ", so " + pet
                        + "'s reservation is cancelled. Please book another time.";
                case "NOT_CONFIRMED" -> "we could not confirm " + pet
                        + "'s reservation, so nothing was booked. Please try again.";
                default -> pet + "'s visit" + when + " is cancelled, as you asked.";
            };
            case "ReservationTreated" -> pet + "'s treatment" + when + " is recorded. Your bill follows shortly.";
            case "BillIssued" -> pet + "'s bill is " + amount(Language.EN, f)
                    + ". You can pay at the front desk.";
            case "BillPaid" -> "we received your payment of " + amount(Language.EN, f)
                    + (f.method() == null ? "" : " by " + f.method().toLowerCase(Locale.ROOT)) + ". Thank you!";
            default -> pet + "'s reservation is now " + orDefault(f.status(), "updated") + ".";
        };
    }

    private static String korean(MessageFacts f) {
        String pet = orDefault(f.petName(), "반려동물");
        String when = f.date() == null ? "" : " " + koreanDate(f.date());
        String vet = f.vet() == null ? "" : " " + f.vet() + " 선생님";
        String prefix = "[동물병원] ";
        return prefix + switch (f.eventType()) {
            case "ReservationPlaced" -> "AWAITING_APPROVAL".equals(f.status())
                    ? pet + " 진료 예약 신청을 받았습니다" + paren(when + vet) + ". 병원에서 확인 후 다시 알려드릴게요."
                    : pet + " 진료 예약이 완료되었습니다" + paren(when + vet) + ".";
            case "ReservationChanged" -> pet + " 예약이 변경되었습니다" + paren(when + vet) + "."
                    + ("AWAITING_APPROVAL".equals(f.status()) ? " 병원 승인을 기다리고 있습니다." : "");
            case "ReservationApproved" -> pet + " 진료 예약이 확정되었습니다" + paren(when + vet) + ".";
            case "ReservationCancelled" -> switch (orDefault(f.reason(), "CUSTOMER")) {
                case "DECLINED" -> "죄송합니다." + when + " " + pet + " 진료 예약을 받을 수 없어 취소되었습니다. 다른 시간으로 예약해 주세요.";
                case "SCHEDULE_WITHDRAWN" -> "죄송합니다." + when + vet + " 진료 일정이 취소되어 " + pet
                        + " 예약이 취소되었습니다. 다른 시간으로 예약해 주세요.";
                case "NOT_CONFIRMED" -> pet + " 예약을 확정하지 못해 예약되지 않았습니다. 다시 시도해 주세요.";
                default -> "요청하신 대로" + when + " " + pet + " 진료 예약을 취소했습니다.";
            };
            case "ReservationTreated" -> pet + " 진료가 완료되었습니다. 곧 진료비 청구서를 보내드립니다.";
            case "BillIssued" -> pet + " 진료비는 " + amount(Language.KO, f) + "입니다. 접수처에서 결제하실 수 있습니다.";
            case "BillPaid" -> amount(Language.KO, f) + " 결제가 완료되었습니다" + koreanMethod(f.method())
                    + ". 감사합니다.";
            default -> pet + " 예약 상태가 " + orDefault(f.status(), "변경") + "(으)로 바뀌었습니다.";
        };
    }

    /** Won are whole numbers: "35,000원" / "KRW 35,000"; other currencies by their code. */
    static String amount(Language language, MessageFacts f) {
        String number = NumberFormat.getIntegerInstance(Locale.ROOT).format(f.total() == null ? 0 : f.total());
        String currency = orDefault(f.currency(), "KRW");
        if (language == Language.KO && "KRW".equals(currency)) {
            return number + "원";
        }
        return currency + " " + number;
    }

    private static String paren(String text) {
        return text.isBlank() ? "" : "(" + text.strip() + ")";
    }

    private static String koreanDate(LocalDate date) {
        return date.getYear() + "년 " + date.getMonthValue() + "월 " + date.getDayOfMonth() + "일";
    }

    private static String koreanMethod(String method) {
        if (method == null) {
            return "";
        }
        return switch (method) {
            case "CARD" -> "(카드)";
            case "CASH" -> "(현금)";
            case "TRANSFER" -> "(계좌이체)";
            default -> "(" + method + ")";
        };
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
