package ai.codemie.auth.resolve;

import static ai.codemie.auth.resolve.PlatformFixture.realmRoles;
import static ai.codemie.auth.resolve.PlatformFixture.token;
import static ai.codemie.auth.resolve.PlatformManagedResolverTest.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.LogCapture;
import ai.codemie.auth.error.AuthenticationException;
import ai.codemie.auth.error.AuthenticationException.BearerError;
import ai.codemie.auth.error.Problem;
import ai.codemie.auth.store.InMemoryUserStore;
import ai.codemie.auth.store.InvalidStoreDataException;
import ai.codemie.auth.store.StoreTransaction;
import ai.codemie.auth.store.StoredText;
import ai.codemie.auth.store.StoredUser;
import ai.codemie.auth.token.VerifiedToken;
import ai.codemie.auth.test.StoreSeeder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finding 5, bad user data becomes a store outage: a profile claim the store cannot hold is refused with a 401 that
 * names the claim, before anything is written, instead of failing in the database on every request.
 */
class BadUserDataTest {

    private final InMemoryUserStore store = new InMemoryUserStore();
    private final PlatformManagedResolver resolver = PlatformFixture.resolver(store);

    /** Claim, value, and the end of the 401's message. */
    static Stream<Arguments> unstorableClaims() {
        return Stream.of(
                Arguments.of("name", "Ali\u0000ce", "contains the character U+0000, which cannot be stored"),
                Arguments.of("name", "a".repeat(256), "is longer than 255 characters"),
                Arguments.of("name", "Alice\u2028Admin", "contains the character U+2028, which cannot be stored"),
                Arguments.of("name", "Alice\ud800", "contains the character U+D800, which cannot be stored"),
                Arguments.of("email", "alice\r\n@x.com", "contains the character U+000D, which cannot be stored"),
                Arguments.of("email", "a".repeat(315) + "@x.com", "is longer than 320 characters"),
                Arguments.of("picture", "https://x.com/" + "p".repeat(2040), "is longer than 2048 characters"),
                Arguments.of("preferred_username", "alice\u0007", "contains the character U+0007, which cannot be "
                        + "stored"),
                Arguments.of("preferred_username", "a".repeat(256), "is longer than 255 characters"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("unstorableClaims")
    void aFirstLoginWithAClaimTheStoreCannotHoldIsRefusedNamingItAndWritesNothing(String claim, String value,
            String problem) {
        VerifiedToken token = developer(claim, value, "applications", "proj-a", "knowledge_bases", "kb-1");

        assertInvalidClaim(token, claim, problem);
        assertThat(StoreSeeder.of(store).userCount()).isZero();
        assertThat(store.inTransaction((StoreTransaction tx) -> tx.projects().find("proj-a"))).isEmpty();
        assertThat(StoreSeeder.of(store).allMemberships()).isEmpty();
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("unstorableClaims")
    void aLaterLoginWithAProfileClaimTheStoreCannotHoldIsRefusedAndChangesNothing(String claim, String value,
            String problem) {
        StoreSeeder.of(store).user(ALICE).email("alice@x.com").name("Alice");
        StoredUser before = store.inTransaction(tx -> tx.users().find(ALICE)).orElseThrow();

        if (claim.equals("preferred_username")) {
            // not written after the first login: user names are never refreshed from tokens
            assertThat(resolver.resolve(developer(claim, value)).id()).isEqualTo(ALICE);
        } else {
            assertInvalidClaim(developer(claim, value), claim, problem);
            assertThat(store.inTransaction((StoreTransaction tx) -> tx.users().find(ALICE))).contains(before);
        }
    }

    @Test
    void theRefusalIsLoggedOnceWithTheUserAndTheClaimButNotTheValue() {
        VerifiedToken token = developer("name", "Mallory\u0000DROP");
        try (LogCapture log = LogCapture.start()) {
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> resolver.resolve(token)).isInstanceOf(AuthenticationException.class);
            }

            assertThat(log.lines("Refusing the sign-in of user " + ALICE, "Invalid claim 'name'")).hasSize(1);
            assertThat(log.lines("DROP")).isEmpty();
        }
    }

    @Test
    void provisioningRefusesAUserTheStoreCannotHoldAndWritesNothing() {
        StoredUser user = StoredUser.builder(ALICE, "alice").email("alice@x.com").name("x".repeat(256))
                .projectLimit(3).authSource("keycloak").build();

        assertThatThrownBy(() -> store.inTransaction(tx -> UserProvisioning.provision(tx, user, List.of(),
                List.of()))).isInstanceOf(InvalidStoreDataException.class)
                .hasMessage("The name of user " + ALICE + " is longer than 255 characters");
        assertThat(StoreSeeder.of(store).userCount()).isZero();
    }

    @Test
    void theLimitsAreTheColumnSizesOfTheLibrarysSchema() {
        assertThat(StoredText.USERNAME.maxLength()).isEqualTo(255);
        assertThat(StoredText.EMAIL.maxLength()).isEqualTo(320);
        assertThat(StoredText.NAME.maxLength()).isEqualTo(255);
        assertThat(StoredText.PICTURE.maxLength()).isEqualTo(2048);
        assertThat(StoredText.PROJECT_NAME.problem("p".repeat(255))).isEmpty();
        assertThat(StoredText.KNOWLEDGE_BASE.problem("k".repeat(256))).isPresent();
        assertThat(StoredText.NAME.problem("Zoë \ud83d\ude00 \u200d")).as("emoji, joiners: fine").isEmpty();
    }

    @Test
    void logLinesQuoteHostileValuesWithoutTheirControlAndInvisibleCharacters() {
        assertThat(StoredText.quoted("../admin\n\u200bx'")).isEqualTo("'../admin\\u000a\\u200bx\\u0027'");
        assertThat(StoredText.quoted("p".repeat(100))).isEqualTo("'" + "p".repeat(80) + "'... (100 characters)");
    }

    private static VerifiedToken developer(String claim, String value, Object... more) {
        Object[] claims = new Object[more.length + 6];
        claims[0] = "realm_access";
        claims[1] = realmRoles("developer");
        claims[2] = "email";
        claims[3] = "alice@x.com";
        claims[4] = claim;
        claims[5] = value;
        System.arraycopy(more, 0, claims, 6, more.length);
        return token(ALICE, claims);
    }

    private void assertInvalidClaim(VerifiedToken token, String claim, String problem) {
        assertThatThrownBy(() -> resolver.resolve(token)).isInstanceOfSatisfying(AuthenticationException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(Problem.Status.UNAUTHENTICATED);
            assertThat(e.problem().reason()).isEqualTo("invalid_claim");
            assertThat(e.problem().message()).isEqualTo("Invalid claim '" + claim + "': the value " + problem);
            assertThat(e.bearerError()).isEqualTo(BearerError.INVALID_TOKEN);
        });
    }
}
