package io.respawn.facts;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * What the oracle decided. A decision names the rule that made it and the ids of
 * the facts that justified it; its id is derived from those two (see
 * {@link DerivedId}), so replaying a log gives the same ids as the live run.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Restart.class, name = "restart"),
    @JsonSubTypes.Type(value = RestartDependent.class, name = "restart-dependent"),
    @JsonSubTypes.Type(value = Escalate.class, name = "escalate"),
    @JsonSubTypes.Type(value = GiveUp.class, name = "give-up"),
    @JsonSubTypes.Type(value = Rearm.class, name = "rearm"),
    @JsonSubTypes.Type(value = InferDependency.class, name = "infer-dependency"),
    @JsonSubTypes.Type(value = Alert.class, name = "alert"),
})
public sealed interface Decision extends Fact
        permits Restart, RestartDependent, Escalate, GiveUp, Rearm, InferDependency, Alert {
    /** The stable name of the rule that made this decision, e.g. {@code "RS-01 ..."}. */
    String rule();

    /** Ids of the facts that matched, in the order the rule lists them. */
    List<String> evidence();
}
