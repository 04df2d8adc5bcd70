/**
 * Observation of the library without a metrics dependency: {@link ai.codemie.auth.observe.AuthObserver}, given to
 * {@link ai.codemie.auth.CodemieAuth.Builder#observer}, hears decisions, token rejections, cache lookups, key
 * fetches and store calls; {@link ai.codemie.auth.observe.IssuerKeysStatus} is what a health check reads from the
 * verifier.
 */
package ai.codemie.auth.observe;
