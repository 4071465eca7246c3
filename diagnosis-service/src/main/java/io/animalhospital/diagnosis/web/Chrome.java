package io.animalhospital.diagnosis.web;

import io.quarkus.qute.TemplateData;

/**
 * What every page of the console shows around its content: the language and the links to switch it (keeping the
 * page), who is signed in, whether the operations page is theirs, and which part of the navigation is current.
 */
@TemplateData
public record Chrome(String lang, String user, boolean admin, String nav, String langEnHref, String langKoHref) {
}
