package io.animalhospital.reservation.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The app's words, {@code {msg:...}} in the templates: Korean by default ({@code messages/msg_ko.properties}), English
 * in {@code messages/msg_en.properties}. The texts live in those files only; a key missing from the Korean one fails
 * the build, one missing from the English one fails MessagesTest.
 */
@MessageBundle(value = "msg", locale = "ko")
public interface AppMessages {

    @Message
    String appName();

    @Message
    String skipToContent();

    @Message
    String navFreeDays();

    @Message
    String navMyReservations();

    @Message
    String signIn();

    @Message
    String signUp();

    @Message
    String signOut();

    @Message
    String signedInAs(String name);

    @Message
    String languages();

    @Message
    String staffNotice();

    @Message
    String staffConsole();

    @Message
    String indexTitle();

    @Message
    String indexIntro();

    @Message
    String filterDate();

    @Message
    String filterVet();

    @Message
    String filterSubmit();

    @Message
    String filterClear();

    @Message
    String colVet();

    @Message
    String colDate();

    @Message
    String colSeats();

    @Message
    String colAction();

    @Message
    String colPet();

    @Message
    String colStatus();

    @Message
    String seatsLeft(int n);

    @Message
    String approvalNeeded();

    @Message
    String book();

    @Message
    String noFreeDays();

    @Message
    String signInToBook();

    @Message
    String pagePrevious();

    @Message
    String pageNext();

    @Message
    String pageNumber(int n);

    @Message
    String pages();

    @Message
    String bookTitle();

    @Message
    String bookSchedule();

    @Message
    String fieldOwnerName();

    @Message
    String fieldEmail();

    @Message
    String fieldPetName();

    @Message
    String fieldSpecies();

    @Message
    String fieldReason();

    @Message
    String fieldPhone();

    @Message
    String phoneHelp();

    @Message
    String bookSubmit();

    @Message
    String errorRequired();

    @Message
    String errorTooLong();

    @Message
    String errorEmail();

    @Message
    String errorInvalid();

    @Message
    String reservationsTitle();

    @Message
    String noReservations();

    @Message
    String open();

    @Message
    String reservationTitle();

    @Message
    String labelStatus();

    @Message
    String labelAppointment();

    @Message
    String labelPet();

    @Message
    String labelOwner();

    @Message
    String labelReason();

    @Message
    String liveHint();

    @Message
    String changeDay();

    @Message
    String changeChoose();

    @Message
    String changeSubmit();

    @Message
    String noOtherDays();

    @Message
    String cancel();

    @Message
    String cancelQuestion();

    @Message
    String cancelConfirm();

    @Message
    String cancelKeep();

    @Message
    String billTitle();

    @Message
    String billNotYet();

    @Message
    String billUnavailable();

    @Message
    String billTotal();

    @Message
    String won(String amount);

    @Message
    String colItem();

    @Message
    String colQuantity();

    @Message
    String colUnitPrice();

    @Message
    String colAmount();

    @Message
    String pay();

    @Message
    String payMethod();

    @Message
    String paySubmit();

    @Message
    String methodCard();

    @Message
    String methodCash();

    @Message
    String methodTransfer();

    @Message
    String billIssued();

    @Message
    String billPaid();

    @Message
    String notificationsTitle();

    @Message
    String noNotifications();

    @Message
    String notificationsUnavailable();

    @Message
    String doneChanged();

    @Message
    String doneCancelled();

    @Message
    String donePaid();

    @Message
    String statusReserved();

    @Message
    String statusAwaitingApproval();

    @Message
    String statusCancelled();

    @Message
    String statusCancelledByClinic();

    @Message
    String statusTreated();

    @Message
    String statusBooked();

    @Message
    String statusUnknown();

    @Message
    String notFoundTitle();

    @Message
    String notFoundText();

    @Message
    String problemTitle();

    @Message
    String problemScheduleFull();

    @Message
    String problemDayPassed();

    @Message
    String problemScheduleGone();

    @Message
    String problemBusy(Integer seconds);

    @Message
    String problemBusyNow();

    @Message
    String problemInvalid();

    @Message
    String problemSignIn();

    @Message
    String problemForbidden();

    @Message
    String problemPhoneRequired();

    @Message
    String problemNotChangeable();

    @Message
    String problemAlreadyTreated();

    @Message
    String problemAlreadyPaid();

    @Message
    String problemWrongAmount();

    @Message
    String problemInProgress();

    @Message
    String problemChangedConcurrently();

    @Message
    String problemNotFound();

    @Message
    String problemGeneric();

    @Message
    String backToFreeDays();

    @Message
    String backToReservations();
}
