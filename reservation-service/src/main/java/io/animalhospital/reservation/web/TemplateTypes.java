package io.animalhospital.reservation.web;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.animalhospital.reservation.web.client.Api;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateExtension;

/**
 * The types the templates read (also in the tags, which are not type-checked), and how they show numbers and times.
 */
@TemplateData(target = Page.class)
@TemplateData(target = Views.ProblemView.class)
@TemplateData(target = Views.Pager.class)
@TemplateData(target = Views.BookingForm.class)
@TemplateData(target = Views.Detail.class)
@TemplateData(target = Api.Schedule.class)
@TemplateData(target = Api.Reservation.class)
@TemplateData(target = Api.Bill.class)
@TemplateData(target = Api.BillLine.class)
@TemplateData(target = Api.Notification.class)
final class TemplateTypes {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private TemplateTypes() {
    }

    /** Won with grouping: 12,500. */
    @TemplateExtension
    static String grouped(long amount) {
        return NumberFormat.getIntegerInstance(Locale.KOREA).format(amount);
    }

    /** A moment as the clinic's local time, to the minute. */
    @TemplateExtension
    static String local(Instant at) {
        return at == null ? "" : TIME.format(at.atZone(ZoneId.of("Asia/Seoul")));
    }
}
