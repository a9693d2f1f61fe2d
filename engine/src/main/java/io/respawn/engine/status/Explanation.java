package io.respawn.engine.status;

import io.respawn.engine.status.Views.ComponentView;
import io.respawn.engine.status.Views.DecisionView;
import io.respawn.engine.status.Views.EvidenceView;

/** {@code respawn why}: a component's state and the last decision about it, in plain words. */
final class Explanation {
    private Explanation() {
    }

    static String of(ComponentView now, DecisionView decision) {
        StringBuilder text = new StringBuilder();
        text.append(now.name()).append(" is ").append(now.state().word());
        if (now.pid() > 0) {
            text.append(" (pid ").append(now.pid()).append(" on ").append(now.node()).append(")");
        }
        text.append(", restarted ").append(now.restarts()).append(now.restarts() == 1 ? " time" : " times")
                .append(".\n");
        if (decision == null) {
            text.append("No decision has been made about ").append(now.name()).append(".\n");
        } else {
            text.append("Last decision, at ").append(decision.at()).append(": ").append(decision.words()).append(".\n");
            text.append("Rule: \"").append(decision.rule()).append("\".\n");
            if (!decision.evidence().isEmpty()) {
                text.append("Because:\n");
                for (EvidenceView evidence : decision.evidence()) {
                    append(text, evidence, "  - ");
                }
            }
        }
        if (now.lastFailure() != null) {
            text.append("Last failure, at ").append(now.lastFailure().at()).append(": ")
                    .append(now.lastFailure().words()).append(".\n");
        }
        return text.toString();
    }

    private static void append(StringBuilder text, EvidenceView evidence, String indent) {
        text.append(indent).append(evidence.text()).append(" [").append(evidence.id()).append("]\n");
        for (EvidenceView inner : evidence.because()) {
            append(text, inner, "    " + indent);
        }
    }
}
