package io.animalhospital.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;

/** Keycloak's own sign-in and registration pages (the realm's login theme), by their form fields' ids. */
final class KeycloakPages {

    private KeycloakPages() {
    }

    /** A new customer's account: the realm requires an e-mail, a first name and a phone. */
    record NewAccount(String username, String password, String email, String firstName, String lastName,
            String phone) {
    }

    static void signIn(Page page, String username, String password) {
        assertThat(page.locator("#kc-form-login")).isVisible();
        page.locator("#username").fill(username);
        page.locator("#password").fill(password);
        page.locator("#kc-login").click();
    }

    /** From Keycloak's sign-in page: its registration link, the form, and back to the app. */
    static void register(Page page, NewAccount account, Actor actor) {
        assertThat(page.locator("#kc-form-login")).isVisible();
        page.locator("#kc-registration a").click();
        assertThat(page.locator("#kc-register-form")).isVisible();
        page.locator("#username").fill(account.username());
        page.locator("#email").fill(account.email());
        page.locator("#firstName").fill(account.firstName());
        page.locator("#lastName").fill(account.lastName());
        page.locator("#password").fill(account.password());
        page.locator("#password-confirm").fill(account.password());
        page.locator("#phone_number").fill(account.phone());
        actor.shot("keycloak-registration");
        page.locator("#kc-register-form [type=submit]").click();
    }
}
