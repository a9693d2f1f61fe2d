package io.respawn.facts;

import java.util.List;

/**
 * Belief, held only while its evidence holds (inserted logically): {@code component}
 * shows a sign of trouble that is not yet a failure, e.g. a DEGRADED heartbeat or one
 * RSS sample over the limit.
 */
public record Suspected(ComponentId component, Cause cause, String detail, String rule, List<String> evidence) {
    public Suspected {
        Require.notNull("suspected.component", component);
        Require.notNull("suspected.cause", cause);
        detail = detail == null ? "" : detail;
        Require.notBlank("suspected.rule", rule);
        evidence = Require.list("suspected.evidence", evidence);
    }
}
