package io.animalhospital.diagnosis.web;

import io.quarkus.qute.i18n.MessageBundle;

/**
 * The staff console's words (templates: {@code {msg:key}}). Korean is the default; the texts are in
 * {@code messages/msg_ko.properties} and {@code messages/msg_en.properties}, one key per method, and a test fails
 * when either file lacks one.
 */
@MessageBundle(value = "msg", locale = "ko")
public interface StaffMessages {

    String appTitle();

    String navBoard();

    String navApprovals();

    String navAppointments();

    String navBills();

    String navNotifications();

    String navAdmin();

    String signOut();

    String signIn();

    String signedOut();

    String signedInAs(Object name);

    String langEn();

    String langKo();

    String skipToContent();

    String forbiddenTitle();

    String forbiddenStaff();

    String forbiddenAdmin();

    String customerApp();

    String boardTitle();

    String boardDate();

    String show();

    String vet();

    String date();

    String capacity();

    String booked();

    String available();

    String approvalRequired();

    String yes();

    String no();

    String noSchedules();

    String openTitle();

    String openSubmit();

    String opened();

    String resize();

    String resizeSubmit();

    String resized();

    String withdraw();

    String withdrawConfirm();

    String confirm();

    String cancel();

    String withdrawn();

    String status();

    String actions();

    String approvalsTitle();

    String noApprovals();

    String pet();

    String reason();

    String owner();

    String phone();

    String approve();

    String decline();

    String declineReason();

    String declineSubmit();

    String approved();

    String declined();

    String appointmentsTitle();

    String noAppointments();

    String ownersUnavailable();

    String treat();

    String treatmentTitle();

    String doctor();

    String medicalOpinion();

    String treatment();

    String prescription();

    String items();

    String itemCode();

    String quantity();

    String noItem();

    String treatSubmit();

    String treated();

    String billsTitle();

    String noBills();

    String total();

    String method();

    String recordPayment();

    String paymentSubmit();

    String paid();

    String notificationsTitle();

    String noNotifications();

    String recipient();

    String channel();

    String attempts();

    String lastError();

    String event();

    String adminTitle();

    String rebuildTitle();

    String rebuildHelp();

    String rebuild();

    String rebuildStarted();

    String deadLettersTitle();

    String service();

    String topic();

    String offset();

    String at();

    String replay();

    String replayed();

    String replayDone();

    String noDeadLetters();

    String serviceDown(Object service);

    String previous();

    String next();

    String pageOf(Object page, Object pages, Object total);

    String problemNotFound();

    String problemConflict(Object detail);

    String problemUnavailable(Object seconds);

    String problemUnavailableNoTime();

    String problemInvalid();

    String problemForbidden();

    String problemSignIn();

    String problemOther(Object status, Object detail);

    String problemCapacityBelowBookings();

    String problemDayPassed();

    String problemDateInPast();

    String problemNotAwaitingApproval();

    String problemNotDeclinable();

    String problemNotTreatable();

    String problemScheduleWithdrawn();

    String problemAlreadyPaid();

    String problemWrongAmount();

    String fieldRequired();

    String fieldInvalid(Object message);

    String methodCARD();

    String methodCASH();

    String methodTRANSFER();

    String statusAWAITING_APPROVAL();

    String statusBOOKED();

    String statusTREATED();

    String statusCANCELLED();

    String statusISSUED();

    String statusPAID();

    String statusFAILED();

    String statusPENDING();

    String statusSENT();

    String item_XRAY();

    String item_BLOOD_TEST();

    String item_ULTRASOUND();

    String item_VACCINATION();

    String item_INJECTION();

    String item_MEDICATION();

    String item_DENTAL_SCALING();

    String item_SURGERY();

    String item_HOSPITALIZATION();
}
